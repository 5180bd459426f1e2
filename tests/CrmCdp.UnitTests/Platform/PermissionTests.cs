using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.UnitTests.Platform;

public sealed class PermissionTests
{
    [Fact]
    public void The_admin_role_holds_every_permission() =>
        Assert.Equal(Permissions.All.Order(), BuiltInRoles.All.Single(r => r.Name == BuiltInRoles.Admin).DefaultPermissions.Order());

    [Fact]
    public void Every_default_grant_names_a_declared_permission()
    {
        var undeclared = BuiltInRoles.All.SelectMany(r => r.DefaultPermissions).Where(p => !Permissions.IsKnown(p)).ToList();

        Assert.Empty(undeclared);
    }

    [Fact]
    public void Permission_names_are_unique_lower_case_and_dotted()
    {
        Assert.Equal(Permissions.All.Count, Permissions.All.Distinct().Count());
        Assert.All(Permissions.All, p => Assert.Matches("^[a-z]+(\\.[a-z]+)+$", p));
    }

    [Fact]
    public void The_five_built_in_roles_exist() =>
        Assert.Equal(
            ["Admin", "Marketer", "SalesManager", "SalesRep", "SupportAgent"],
            BuiltInRoles.All.Select(r => r.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void A_sales_rep_cannot_reach_admin_by_default() =>
        Assert.DoesNotContain(BuiltInRoles.All.Single(r => r.Name == BuiltInRoles.SalesRep).DefaultPermissions, p => p.StartsWith("admin.", StringComparison.Ordinal));
}
