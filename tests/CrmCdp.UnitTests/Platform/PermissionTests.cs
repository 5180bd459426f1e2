using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.UnitTests.Platform;

public sealed class PermissionTests
{
    [Fact]
    public void The_admin_role_holds_every_permission() =>
        Assert.Equal(Permissions.All.Order(), BuiltInRoles.All.Single(r => r.Name == BuiltInRoles.Admin).DefaultPermissions.Select(g => g.Permission).Order());

    [Fact]
    public void Every_default_grant_names_a_declared_permission()
    {
        var undeclared = BuiltInRoles.All.SelectMany(r => r.DefaultPermissions).Where(g => !Permissions.IsKnown(g.Permission)).ToList();

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
        Assert.DoesNotContain(BuiltInRoles.All.Single(r => r.Name == BuiltInRoles.SalesRep).DefaultPermissions, g => g.Permission.StartsWith("admin.", StringComparison.Ordinal));

    [Theory]
    [InlineData(BuiltInRoles.SalesRep, Permissions.Crm.ContactsRead, "Own")]
    [InlineData(BuiltInRoles.SalesRep, Permissions.Crm.ContactsImport, "Own")]
    [InlineData(BuiltInRoles.SalesRep, Permissions.Crm.ContactsExport, "None")]
    [InlineData(BuiltInRoles.SalesManager, Permissions.Crm.ContactsEdit, "Team")]
    [InlineData(BuiltInRoles.SupportAgent, Permissions.Crm.ContactsRead, "All")]
    [InlineData(BuiltInRoles.SupportAgent, Permissions.Crm.ContactsEdit, "None")]
    [InlineData(BuiltInRoles.Marketer, Permissions.Crm.ContactsExport, "All")]
    [InlineData(BuiltInRoles.Marketer, Permissions.Crm.ContactsEdit, "None")]
    [InlineData(BuiltInRoles.Admin, Permissions.Crm.ContactsDelete, "All")]
    public void Built_in_roles_default_to_the_documented_record_scopes(string role, string permission, string expected) =>
        Assert.Equal(Enum.Parse<RecordScope>(expected), BuiltInRoles.All.Single(r => r.Name == role).DefaultFor(permission)?.Scope ?? RecordScope.None);

    [Fact]
    public void Permissions_without_records_are_never_narrowed() =>
        Assert.All(
            BuiltInRoles.All.SelectMany(r => r.DefaultPermissions).Where(g => !Permissions.IsScoped(g.Permission)),
            g => Assert.Equal(RecordScope.All, g.Scope));
}
