using CrmCdp.Web.Platform.Auth.ApiKeys;

namespace CrmCdp.UnitTests.Platform;

public sealed class ApiKeySecretTests
{
    [Fact]
    public void Generated_keys_are_prefixed_long_and_distinct()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => ApiKeySecret.Generate()).ToList();

        Assert.All(keys, k => Assert.StartsWith(ApiKeySecret.KeyPrefix, k, StringComparison.Ordinal));
        Assert.All(keys, k => Assert.True(k.Length >= 40));
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void The_hash_is_stable_hex_and_differs_from_the_key()
    {
        var key = ApiKeySecret.Generate();

        var hash = ApiKeySecret.Hash(key);

        Assert.Equal(hash, ApiKeySecret.Hash(key));
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.DoesNotContain(key, hash, StringComparison.Ordinal);
        Assert.NotEqual(hash, ApiKeySecret.Hash(key + "x"));
    }

    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer  abc ", "abc")]
    [InlineData("Basic abc", null)]
    [InlineData("Bearer ", null)]
    [InlineData("", null)]
    public void Only_a_bearer_header_yields_a_key(string header, string? expected) =>
        Assert.Equal(expected, ApiKeyAuthenticationHandler.ReadBearerToken(header));
}
