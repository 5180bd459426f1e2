using System.Reflection;
using System.Security.Claims;
using System.Text.RegularExpressions;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmCdp.UnitTests.Architecture;

/// <summary>
/// One access model: a service that reads or changes data (it takes the database) takes the caller's
/// <see cref="AccessContext"/> in every public method and checks it itself; it never trusts a permission flag or a bare
/// principal handed to it. Background workers and system entry points say so with [SystemAccess("why")].
/// </summary>
public sealed partial class AccessModelTests
{
    private static readonly Assembly App = typeof(Program).Assembly;

    [Fact]
    public void Every_public_method_of_a_data_service_takes_the_callers_access_context()
    {
        var missing = DataServices()
            .SelectMany(t => PublicMethods(t).Where(m => m.GetCustomAttribute<SystemAccessAttribute>() is null
                && !m.GetParameters().Any(p => p.ParameterType == typeof(AccessContext)))
                .Select(m => $"{t.Name}.{m.Name}"))
            .ToList();

        Assert.True(DataServices().Count() > 30, "the data services were not found");
        Assert.True(missing.Count == 0, $"These take no AccessContext (add one and check it, or mark [SystemAccess(\"why\")]):\n{string.Join("\n", missing)}");
    }

    [Fact]
    public void No_service_or_contract_takes_a_principal_or_a_permission_flag()
    {
        var contracts = App.GetTypes().Where(t => t.Namespace?.EndsWith(".Contracts", StringComparison.Ordinal) == true);
        var offenders = DataServices().Concat(contracts)
            .SelectMany(t => PublicMethods(t)
                .SelectMany(m => m.GetParameters()
                    .Where(p => p.ParameterType == typeof(ClaimsPrincipal) || (p.ParameterType == typeof(bool) && PermissionFlag().IsMatch(p.Name ?? "")))
                    .Select(p => $"{t.Name}.{m.Name}({p.ParameterType.Name} {p.Name})")))
            .ToList();

        Assert.True(offenders.Count == 0, $"Services decide access from the AccessContext, not from flags or principals:\n{string.Join("\n", offenders)}");
    }

    [Fact]
    public void Every_page_and_dialog_of_a_module_that_calls_a_data_service_uses_the_shared_component_base()
    {
        var services = DataServices().ToHashSet();
        var pages = App.GetTypes()
            .Where(t => t.Namespace?.StartsWith("CrmCdp.Web.Modules", StringComparison.Ordinal) == true && IsComponent(t)
                && t.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).Any(p => services.Contains(p.PropertyType)))
            .Where(t => !typeof(AppComponentBase).IsAssignableFrom(t))
            .Select(t => t.Name)
            .ToList();

        Assert.True(pages.Count == 0, $"These components call data services without AppComponentBase:\n{string.Join("\n", pages)}");
    }

    /// <summary>Classes of the modules that take the database and are not background workers.</summary>
    private static IEnumerable<Type> DataServices() =>
        App.GetTypes().Where(t => t.Namespace?.StartsWith("CrmCdp.Web.Modules", StringComparison.Ordinal) == true
            && t is { IsClass: true, IsAbstract: false }
            && !IsComponent(t)
            && t.GetCustomAttribute<SystemAccessAttribute>() is null
            && !typeof(Microsoft.Extensions.Hosting.IHostedService).IsAssignableFrom(t)
            && !typeof(CrmCdp.Web.Platform.Jobs.IRecurringJobDefinition).IsAssignableFrom(t)
            && t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IDbContextFactory<AppDbContext>))));

    /// <summary>The public methods that do work against the database (asynchronous ones); pure helpers aside.</summary>
    private static IEnumerable<MethodInfo> PublicMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && (typeof(Task).IsAssignableFrom(m.ReturnType) || m.ReturnType.Name.StartsWith("IAsyncEnumerable", StringComparison.Ordinal)
                || m.ReturnType.Name.StartsWith("ValueTask", StringComparison.Ordinal)));

    private static bool IsComponent(Type type) => typeof(Microsoft.AspNetCore.Components.IComponent).IsAssignableFrom(type);

    [GeneratedRegex("^(may|can|sees|allow|isAllowed|isAdmin|hasPermission)", RegexOptions.IgnoreCase)]
    private static partial Regex PermissionFlag();
}
