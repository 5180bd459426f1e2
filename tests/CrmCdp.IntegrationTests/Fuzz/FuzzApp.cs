using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Fuzz;

/// <summary>An app of the fuzzers' own: hostile calls as an admin may change anything, so they never share a database with other tests.</summary>
public sealed class FuzzApp : AppFixture, IAsyncLifetime
{
    public ValueTask InitializeAsync() => new(StartAsync("fuzz"));
}

[CollectionDefinition(Name)]
public sealed class FuzzAppGroup : ICollectionFixture<FuzzApp>
{
    public const string Name = "fuzz app";
}
