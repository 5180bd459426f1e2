using CrmCdp.IntegrationTests;

[assembly: AssemblyFixture(typeof(PostgresLifetime))]

namespace CrmCdp.IntegrationTests;

/// <summary>Stops this run's PostgreSQL once every test of the assembly has finished, passed or not.</summary>
public sealed class PostgresLifetime : IAsyncDisposable
{
    public ValueTask DisposeAsync() => CrmCdp.TestSupport.TestPostgres.StopSharedAsync();
}

/// <summary>One application on one database, shared by the tests that can share it.</summary>
public sealed class SharedApp : CrmCdp.TestSupport.AppFixture, IAsyncLifetime
{
    public ValueTask InitializeAsync() => new(StartAsync("integration"));
}

[CollectionDefinition(Name)]
public sealed class SharedAppGroup : ICollectionFixture<SharedApp>
{
    public const string Name = "shared app";
}
