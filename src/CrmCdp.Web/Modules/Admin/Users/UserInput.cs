using System.Text.Json.Serialization;
using FluentValidation;

namespace CrmCdp.Web.Modules.Admin.Users;

/// <summary>Create (email, and a password or none for a generated one) or update a user.</summary>
public sealed class UserInput
{
    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>Only on creation; left out, a temporary password is generated and answered once.</summary>
    public string? Password { get; set; }

    public List<string>? Roles { get; set; }

    public List<Guid>? TeamIds { get; set; }

    public bool? Away { get; set; }
}

public sealed record TeamRef(Guid Id, string Name);

public sealed record UserDto(
    Guid Id, string Email, string DisplayName, bool Active, bool Away, DateTimeOffset? LockedUntil,
    IReadOnlyList<string> Roles, IReadOnlyList<TeamRef> Teams, DateTimeOffset CreatedAt)
{
    /// <summary>Each permission the user holds through any role, with the widest scope (on single-user reads).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? EffectivePermissions { get; init; }

    /// <summary>A generated password, answered once when the user was created or their password reset.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TemporaryPassword { get; init; }
}

internal sealed class UserInputValidator : AbstractValidator<UserInput>
{
    public UserInputValidator()
    {
        RuleFor(u => u.Email).NotEmpty().WithMessage("Enter the user's email address.")
            .EmailAddress().WithMessage("Enter a valid email address.")
            .MaximumLength(256).WithMessage("Emails are at most 256 characters.");
        RuleFor(u => u.DisplayName).NotEmpty().WithMessage("Enter the user's name.")
            .MaximumLength(100).WithMessage("Names are at most 100 characters.");
        RuleFor(u => u.Roles).NotEmpty().WithMessage("Give the user at least one role.");
    }
}
