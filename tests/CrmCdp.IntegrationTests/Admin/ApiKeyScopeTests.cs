using System.Net;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Admin;

[Collection(SharedAppGroup.Name)]
public sealed class ApiKeyScopeTests(SharedApp app)
{
    [Fact]
    public async Task A_user_cannot_mint_a_key_whose_role_reaches_further_than_their_own_scope()
    {
        var roleName = $"KeyMaker{Guid.NewGuid().ToString("N")[..6]}";
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var role = new AppRole { Id = Guid.NewGuid(), Name = roleName, NormalizedName = roleName.ToUpperInvariant() };
            role.Permissions.Add(new RolePermission { Permission = Permissions.Admin.ApiKeysManage, Scope = RecordScope.All });
            role.Permissions.Add(new RolePermission { Permission = Permissions.Crm.ContactsRead, Scope = RecordScope.Own });
            db.Roles.Add(role);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var email = await app.CreateUserAsync(roleName);
        using var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await FormSignIn.SignInAsync(browser, email, AppFixture.TestPassword);

        var (wider, problem) = await CrmApi.SendAsync(browser, HttpMethod.Post, "/api/v1/api-keys", new { name = "too wide", role = BuiltInRoles.SupportAgent });
        var (same, _) = await CrmApi.SendAsync(browser, HttpMethod.Post, "/api/v1/api-keys", new { name = "mine", role = roleName });

        Assert.Equal(HttpStatusCode.BadRequest, wider.StatusCode);
        Assert.Contains(Permissions.Crm.ContactsRead, problem.GetProperty("errors").GetProperty("role")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, same.StatusCode);
    }
}
