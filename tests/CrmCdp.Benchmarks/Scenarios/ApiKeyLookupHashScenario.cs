using System.Security.Cryptography;
using System.Text;
using CrmCdp.Web.Platform.Auth.ApiKeys;

namespace CrmCdp.Benchmarks.Scenarios;

/// <summary>
/// Every API request hashes its key to find it. Ours: SHA-256 of a 256-bit random key (safe because
/// the key cannot be guessed). Baseline: PBKDF2 with 100,000 iterations, what a password would need.
/// </summary>
internal sealed class ApiKeyLookupHashScenario : IScenario
{
    public string Name => "apikey-hash";

    public string Description => "API key hash per request: SHA-256 (ours) vs PBKDF2-100k (password-style baseline)";

    public Task<ScenarioResult> RunAsync()
    {
        var key = ApiKeySecret.Generate();
        var salt = RandomNumberGenerator.GetBytes(16);
        var duration = TimeSpan.FromSeconds(2);
        var ours = Timing.OperationsPerSecond(() => ApiKeySecret.Hash(key), duration);
        var baseline = Timing.OperationsPerSecond(
            () => Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(key), salt, 100_000, HashAlgorithmName.SHA256, 32), duration);
        return Task.FromResult(new ScenarioResult("SHA-256", ours, "PBKDF2-100k", baseline));
    }
}
