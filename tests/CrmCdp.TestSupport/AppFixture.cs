using CrmCdp.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.TestSupport;

/// <summary>Starts one app on one fresh database, shared by the tests of a class or collection.</summary>
public class AppFixture : IAsyncDisposable
{
    public const string TestPassword = "Str0ng-Passw0rd-Test";

    private CrmCdpAppFactory? _factory;

    public CrmCdpAppFactory Factory => _factory ?? throw new InvalidOperationException("Call StartAsync first.");

    public async Task StartAsync(string purpose, bool useKestrel = false)
    {
        var postgres = await TestPostgres.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync(purpose);
        _factory = new CrmCdpAppFactory(connectionString);
        if (useKestrel)
        {
            _factory.UseKestrel(0);
            _factory.StartServer();
        }
        else
        {
            // Touching Services builds and starts the host, which migrates and seeds.
            _ = _factory.Services;
        }
    }

    /// <summary>Creates a user holding one built-in role; returns its email.</summary>
    public async Task<string> CreateUserAsync(string role, string? email = null, string password = TestPassword)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}@test.crmcdp.local";
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        return email;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
