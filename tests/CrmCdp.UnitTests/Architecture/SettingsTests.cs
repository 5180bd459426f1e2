using System.Reflection;
using System.Text.RegularExpressions;
using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.UnitTests.Architecture;

/// <summary>Configuration is read through typed sections, and the README documents every setting they hold.</summary>
public sealed partial class SettingsTests
{
    [Fact]
    public void No_code_reads_a_configuration_key_spelled_out_where_it_is_used()
    {
        var offenders = RepositoryFiles.CSharpFilesUnder("src")
            .SelectMany(file => File.ReadAllLines(file).Select((line, index) => (file, line, index)))
            .Where(entry => KeyedRead().IsMatch(entry.line))
            .Select(entry => $"{Path.GetRelativePath(RepositoryFiles.Root, entry.file)}:{entry.index + 1}: {entry.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Read these through an ISettingsSection class:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_readme_documents_every_setting_of_every_section()
    {
        var readme = RepositoryFiles.Read("README.md");
        var sections = typeof(ISettingsSection).Assembly.GetTypes()
            .Where(t => typeof(ISettingsSection).IsAssignableFrom(t) && !t.IsInterface)
            .ToList();
        var missing = sections
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .Select(p => SectionOf(t).Replace(":", "__", StringComparison.Ordinal) + "__" + p.Name))
            .Where(key => !readme.Contains($"`{key}", StringComparison.Ordinal))
            .ToList();

        Assert.True(sections.Count >= 8, $"only {sections.Count} settings sections found");
        Assert.True(missing.Count == 0, "The README's configuration table lacks: " + string.Join(", ", missing));
    }

    private static string SectionOf(Type type) =>
        (string)type.GetProperty(nameof(ISettingsSection.Section), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    // configuration["A:B"], GetValue("A:B"…), GetValue<T>("A:B"…), GetSection("A…") with a literal key.
    [GeneratedRegex("""(\[\s*"[A-Za-z]+:|GetValue(<[^>]+>)?\(\s*"|GetSection\(\s*")""")]
    private static partial Regex KeyedRead();
}
