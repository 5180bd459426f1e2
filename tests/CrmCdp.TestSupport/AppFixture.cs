using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Auth.ApiKeys;
using CrmCdp.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.TestSupport;

/// <summary>Starts one app on one fresh database, shared by the tests of a class or collection.</summary>
public class AppFixture : IAsyncDisposable
{
    public const string TestPassword = "Str0ng-Passw0rd-Test";

    private CrmCdpAppFactory? _factory;
    private string? _connectionString;

    public CrmCdpAppFactory Factory => _factory ?? throw new InvalidOperationException("Call StartAsync first.");

    public async Task StartAsync(string purpose, bool useKestrel = false, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var postgres = await TestPostgres.GetAsync();
        _connectionString = await postgres.CreateDatabaseAsync(purpose);
        _factory = new CrmCdpAppFactory(_connectionString, settings);
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

    public async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.FindByEmailAsync(email))?.Id ?? throw new InvalidOperationException($"No user {email}.");
    }

    /// <summary>An API key acting as this user with the given role (stored directly, as an admin would create it).</summary>
    public async Task<HttpClient> ApiClientForAsync(string email, string role)
    {
        var userId = await UserIdAsync(email);
        var secret = ApiKeySecret.Generate();
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var roleId = db.Roles.Single(r => r.Name == role).Id;
            db.ApiKeys.Add(new ApiKey
            {
                Id = Guid.NewGuid(),
                Name = $"test key of {email}",
                Prefix = ApiKeySecret.DisplayPrefix(secret),
                KeyHash = ApiKeySecret.Hash(secret),
                RoleId = roleId,
                CreatedByUserId = userId,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A user with a role and an API client acting as them.</summary>
    public async Task<(string Email, Guid Id, HttpClient Api)> CreateUserWithApiAsync(string role)
    {
        var email = await CreateUserAsync(role);
        return (email, await UserIdAsync(email), await ApiClientForAsync(email, role));
    }

    public async Task<Guid> CreateTeamAsync(string name, Guid? lead, params Guid[] members)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var team = new Team { Id = Guid.NewGuid(), Name = name, LeadUserId = lead };
        team.Members.AddRange(members.Select(m => new TeamMember { TeamId = team.Id, UserId = m }));
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    }

    public HttpClient AdminApi()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", CrmCdpAppFactory.AdminApiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_connectionString is not null)
        {
            await (await TestPostgres.GetAsync()).ReleaseConnectionsAsync(_connectionString);
        }

        GC.SuppressFinalize(this);
    }
}
