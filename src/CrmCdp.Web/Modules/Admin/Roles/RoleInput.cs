using FluentValidation;

namespace CrmCdp.Web.Modules.Admin.Roles;

/// <summary>A role and its whole permission matrix: permission name → "none", "own", "team" or "all".</summary>
public sealed class RoleInput
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public Dictionary<string, string>? Permissions { get; set; }

    /// <summary>Holders must use an authenticator app to sign in; left out, unchanged.</summary>
    public bool? RequireTwoFactor { get; set; }
}

public sealed record RoleDto(
    Guid Id, string Name, string Description, bool BuiltIn, int UserCount, IReadOnlyDictionary<string, string> Permissions, bool RequireTwoFactor);

internal sealed class RoleInputValidator : AbstractValidator<RoleInput>
{
    public RoleInputValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("Give the role a name.")
            .MaximumLength(50).WithMessage("Role names are at most 50 characters.")
            .Matches("^[A-Za-z][A-Za-z0-9 _-]*$").WithMessage("Use letters, digits, spaces, - and _, starting with a letter.");
        RuleFor(r => r.Description).MaximumLength(200).WithMessage("Descriptions are at most 200 characters.");
        RuleFor(r => r.Permissions).Custom((permissions, context) =>
        {
            foreach (var (name, scope) in permissions ?? [])
            {
                if (!Platform.Auth.Permissions.IsKnown(name))
                {
                    context.AddFailure($"Permissions.{name}", $"There is no permission named '{name}'.");
                }
                else if (RoleScopes.Parse(scope) is not { } parsed)
                {
                    context.AddFailure($"Permissions.{name}", "The scope must be one of: none, own, team, all.");
                }
                else if (!Platform.Auth.Permissions.IsScoped(name) && parsed is RecordScope.Own or RecordScope.Team)
                {
                    context.AddFailure($"Permissions.{name}", "This permission has no record scope: use all or none.");
                }
            }
        });
    }
}

internal static class RoleScopes
{
    public static RecordScope? Parse(string? scope) => scope?.Trim().ToLowerInvariant() switch
    {
        "none" => RecordScope.None,
        "own" => RecordScope.Own,
        "team" => RecordScope.Team,
        "all" => RecordScope.All,
        _ => null,
    };

    public static string Name(RecordScope scope) => scope.ToString().ToLowerInvariant();
}
