using System.Reflection;
using NetArchTest.Rules;

namespace CrmCdp.UnitTests.Architecture;

/// <summary>
/// Modules talk to each other only through their <c>Contracts</c> namespace; everything else in a
/// module is its own business.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private const string ModulesNamespace = "CrmCdp.Web.Modules";
    private static readonly Assembly App = typeof(Program).Assembly;

    public static TheoryData<string> Modules() => new(ModuleNames());

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_uses_no_other_module_internals(string module)
    {
        var othersInternals = ModuleNames()
            .Where(other => other != module)
            .SelectMany(InternalTypeNames)
            .ToArray();

        var result = Types.InAssembly(App)
            .That().ResideInNamespaceStartingWith($"{ModulesNamespace}.{module}")
            .ShouldNot().HaveDependencyOnAny(othersInternals)
            .GetResult();

        Assert.True(result.IsSuccessful,
            $"{module} uses internals of another module: {string.Join(", ", result.FailingTypeNames ?? [])}. Go through that module's Contracts.");
    }

    [Fact]
    public void The_platform_depends_on_no_module()
    {
        var result = Types.InAssembly(App)
            .That().ResideInNamespaceStartingWith("CrmCdp.Web.Platform")
            .ShouldNot().HaveDependencyOnAny(ModuleNames().SelectMany(InternalTypeNames).ToArray())
            .GetResult();

        Assert.True(result.IsSuccessful, $"Platform types depend on modules: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_rule_catches_a_violation()
    {
        // Guards the test itself: a module's own internals must show up as dependencies of its own types.
        var crmInternals = InternalTypeNames("Admin").ToArray();

        var result = Types.InAssembly(App)
            .That().ResideInNamespaceStartingWith($"{ModulesNamespace}.Admin")
            .ShouldNot().HaveDependencyOnAny(crmInternals)
            .GetResult();

        Assert.False(result.IsSuccessful);
    }

    private static IEnumerable<string> ModuleNames() =>
        App.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith(ModulesNamespace + ".", StringComparison.Ordinal))
            .Select(ns => ns[(ModulesNamespace.Length + 1)..].Split('.')[0])
            .Distinct()
            .Order(StringComparer.Ordinal);

    /// <summary>Full names of a module's types outside its Contracts namespace.</summary>
    private static IEnumerable<string> InternalTypeNames(string module) =>
        App.GetTypes()
            .Where(t => t.Namespace is { } ns
                && (ns == $"{ModulesNamespace}.{module}" || ns.StartsWith($"{ModulesNamespace}.{module}.", StringComparison.Ordinal))
                && !ns.StartsWith($"{ModulesNamespace}.{module}.Contracts", StringComparison.Ordinal)
                && !t.Name.StartsWith('<'))
            .Select(t => t.FullName!)
            .Where(name => !name.Contains('+', StringComparison.Ordinal));
}
