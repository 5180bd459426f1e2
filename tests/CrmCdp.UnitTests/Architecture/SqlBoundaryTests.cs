using System.Text.RegularExpressions;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmCdp.UnitTests.Architecture;

/// <summary>
/// Module boundaries hold in SQL too: a module's SQL names only its own tables, or the views another module publishes
/// for it (<c>crm_shared_*</c>), so renaming a table of one module can never break another without a compile error.
/// </summary>
public sealed partial class SqlBoundaryTests
{
    private static readonly Dictionary<string, string> PrefixOwner = new()
    {
        ["crm_"] = "Crm",
        ["cdp_"] = "Cdp",
        ["admin_"] = "Admin",
        ["mkt_"] = "Marketing",
    };

    public static TheoryData<string> Modules() => ["Crm", "Cdp", "Admin", "Marketing"];

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_names_no_table_of_another_module(string module)
    {
        var foreign = Tables().Where(t => PrefixOwner.TryGetValue(t[..(t.IndexOf('_', StringComparison.Ordinal) + 1)], out var owner) && owner != module).ToHashSet();
        var offences = RepositoryFiles.CSharpFilesUnder($"src/CrmCdp.Web/Modules/{module}")
            .SelectMany(file => Word().Matches(WithoutComments(File.ReadAllText(file)))
                .Select(m => m.Value).Where(foreign.Contains).Distinct()
                .Select(table => $"{Path.GetRelativePath(RepositoryFiles.Root, file)} names {table}"))
            .ToList();

        Assert.True(foreign.Count > 10, $"only {foreign.Count} tables of other modules found");
        Assert.True(offences.Count == 0, $"Read another module's data through its Contracts or a view it publishes (…_shared_…):\n{string.Join("\n", offences)}");
    }

    /// <summary>Every table: those of the EF model and those the migrations create in SQL (events, partitions, …).</summary>
    private static HashSet<string> Tables()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseRegistration.Configure(options, "Host=localhost;Database=model");
        using var db = new AppDbContext(options.Options);
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var migration in RepositoryFiles.CSharpFilesUnder("src/CrmCdp.Web/Platform/Data/Migrations"))
        {
            tables.UnionWith(CreatedTable().Matches(File.ReadAllText(migration)).Select(m => m.Groups[1].Value));
        }

        return tables;
    }

    private static string WithoutComments(string code) => Comment().Replace(code, "");

    [GeneratedRegex(@"CREATE TABLE (?:IF NOT EXISTS )?""?(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreatedTable();

    [GeneratedRegex(@"\b[a-z]+_[a-z0-9_]+\b")]
    private static partial Regex Word();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();
}
