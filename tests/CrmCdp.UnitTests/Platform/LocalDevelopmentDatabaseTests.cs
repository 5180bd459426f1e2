using CrmCdp.Web.Platform.LocalPostgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace CrmCdp.UnitTests.Platform;

public sealed class LocalDevelopmentDatabaseTests
{
    [Fact]
    public void A_configured_connection_string_is_used_as_is()
    {
        var result = LocalDevelopmentDatabase.Ensure(Config(("ConnectionStrings:Default", "Host=db;Database=x")), Environment("Production"));

        Assert.Equal("Host=db;Database=x", result.ConnectionString);
        Assert.Null(result.StartedCluster);
    }

    [Fact]
    public void Outside_development_a_missing_connection_string_is_one_clear_message()
    {
        var result = LocalDevelopmentDatabase.Ensure(Config(), Environment("Production"));

        Assert.Null(result.ConnectionString);
        Assert.Contains("ConnectionStrings__Default", result.Problem, StringComparison.Ordinal);
        Assert.Contains("docker compose up", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void In_development_the_local_cluster_can_be_switched_off()
    {
        var result = LocalDevelopmentDatabase.Ensure(Config(("Database:StartLocalPostgres", "false")), Environment("Development"));

        Assert.Null(result.ConnectionString);
        Assert.Contains("install PostgreSQL", result.Problem, StringComparison.Ordinal);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();

    private static TestEnvironment Environment(string name) => new() { EnvironmentName = name };

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";

        public string ApplicationName { get; set; } = "CrmCdp.Web";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
