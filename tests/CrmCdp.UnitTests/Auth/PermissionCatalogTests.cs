using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.UnitTests.Auth;

public sealed class PermissionCatalogTests
{
    [Fact]
    public void Every_permission_is_editable_in_the_role_matrix_exactly_once()
    {
        var inMatrix = PermissionCatalog.Areas
            .SelectMany(area => PermissionCatalog.Actions.Select(action => PermissionCatalog.PermissionFor(area, action)))
            .OfType<string>()
            .Concat(PermissionCatalog.Specials.Select(s => s.Permission))
            .ToList();

        Assert.Equal(Permissions.All.Order(StringComparer.Ordinal), inMatrix.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Area_permissions_carry_a_scope_and_special_ones_do_not()
    {
        Assert.All(PermissionCatalog.Specials, s => Assert.False(Permissions.IsScoped(s.Permission), s.Permission));
        Assert.Equal("Contacts: export", PermissionCatalog.Label(Permissions.Crm.ContactsExport));
    }
}
