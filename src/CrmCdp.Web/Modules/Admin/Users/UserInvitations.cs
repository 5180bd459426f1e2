using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Auth.Accounts;
using CrmCdp.Web.Platform.Email;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace CrmCdp.Web.Modules.Admin.Users;

/// <summary><c>POST /api/v1/users/invite</c>: who to invite, and with which roles.</summary>
public sealed class InviteUserInput
{
    public string? Email { get; set; }

    public string? Name { get; set; }

    public List<string>? Roles { get; set; }

    public List<Guid>? TeamIds { get; set; }
}

/// <summary>
/// Invites a user by email: the account is created without a password, and a single-use link that expires lets the
/// person choose their own. Nobody ever passes a password on by hand.
/// </summary>
internal sealed class UserInvitations(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopes,
    IValidator<UserInput> validator,
    UserService users,
    AccountEmails emails,
    AccountLinks links,
    EmailOutbox outbox,
    AuditLog audit,
    TimeProvider timeProvider)
{
    /// <param name="baseUri">The app's address as the inviting admin sees it, for the link (from a page; the API uses the request's).</param>
    public async Task<OperationResult<UserDto>> InviteAsync(AccessContext access, InviteUserInput invite, string? baseUri = null, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.UsersManage))
        {
            return OperationResult<UserDto>.Forbidden("Your role cannot invite users.");
        }

        var input = new UserInput { Email = invite.Email, DisplayName = invite.Name, Roles = invite.Roles, TeamIds = invite.TeamIds };
        var errors = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        if (errors.Remove("displayName", out var nameErrors))
        {
            errors["name"] = nameErrors;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await UserService.CheckReferencesAsync(db, input, errors, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = input.Email?.Trim() ?? "";
        if (errors.Count == 0 && await manager.FindByEmailAsync(email) is not null)
        {
            errors["email"] = ["A user with this email already exists."];
        }

        if (errors.Count > 0)
        {
            return OperationResult<UserDto>.Invalid(errors);
        }

        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, DisplayName = input.DisplayName!.Trim(), CreatedAt = timeProvider.GetUtcNow() };
        var created = await manager.CreateAsync(user);
        if (!created.Succeeded)
        {
            return OperationResult<UserDto>.Invalid("email", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await manager.AddToRolesAsync(user, input.Roles!.Distinct(StringComparer.OrdinalIgnoreCase));
        await UserService.SetTeamsAsync(db, user.Id, input.TeamIds ?? [], cancellationToken);
        var token = await manager.GenerateUserTokenAsync(user, AccountTokens.Invitation, AccountTokens.InvitationPurpose);
        emails.Invitation(db, user, access.ActorName ?? "Your administrator", links.Invitation(user.Id, token, baseUri));
        var entry = AuditActor.For(access, AuditActions.UserInvited);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("user", user.Id.ToString(), $"Invited {email} with roles {string.Join(", ", input.Roles!)}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return await users.GetAsync(access, user.Id, cancellationToken);
    }
}
