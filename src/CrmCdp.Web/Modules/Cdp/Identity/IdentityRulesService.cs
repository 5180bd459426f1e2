using System.Text.RegularExpressions;
using CrmCdp.Web.Platform.Audit;
using Hangfire;

namespace CrmCdp.Web.Modules.Cdp.Identity;

public sealed class IdentityRulesInput
{
    public List<string>? Priority { get; set; }

    public Dictionary<string, int>? Limits { get; set; }

    public List<string>? BlockedValues { get; set; }

    public List<string>? BlockedPatterns { get; set; }
}

/// <summary>Validates and saves the admin's identity rules (audited).</summary>
internal sealed class IdentityRulesService(IDbContextFactory<AppDbContext> dbFactory, IdentityRulesProvider provider, AuditLog audit, IBackgroundJobClient jobs, TimeProvider timeProvider)
{
    public async Task<OperationResult<IdentityRulesDto>> GetAsync(AccessContext access, CancellationToken cancellationToken = default) =>
        access.Has(Permissions.Cdp.ProfilesEdit)
            ? OperationResult<IdentityRulesDto>.Ok(IdentityRulesDto.From(await provider.CurrentAsync(cancellationToken)))
            : OperationResult<IdentityRulesDto>.Forbidden("Your role cannot see the identity rules.");

    public async Task<OperationResult<IdentityRulesDto>> SaveAsync(AccessContext access, IdentityRulesInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesEdit))
        {
            return OperationResult<IdentityRulesDto>.Forbidden("Your role cannot change the identity rules.");
        }

        var errors = new Dictionary<string, string[]>();
        var priority = (input.Priority ?? []).Select(IdentifierTypes.NormalizeType).ToList();
        if (priority.Count == 0 || priority.Any(p => p is null) || priority.Distinct().Count() != priority.Count)
        {
            errors["priority"] = ["List identifier types once each, most trusted first (e.g. user_id, email, phone, anonymous_id)."];
        }
        else if (!priority.Contains(IdentifierTypes.UserId) || !priority.Contains(IdentifierTypes.AnonymousId))
        {
            errors["priority"] = ["The priority must include user_id and anonymous_id."];
        }

        var limits = new Dictionary<string, int>();
        foreach (var (type, limit) in input.Limits ?? [])
        {
            if (IdentifierTypes.NormalizeType(type) is not { } normalized || limit is < 1 or > 1000)
            {
                errors[$"limits.{type}"] = ["A limit is a whole number from 1 to 1,000 for a valid identifier type."];
                continue;
            }

            limits[normalized] = limit;
        }

        var blockedValues = (input.BlockedValues ?? [.. IdentityRules.DefaultBlockedValues]).OfType<string>().Select(v => v.Trim()).Where(v => v.Length > 0).Distinct().ToList();
        if (input.BlockedValues?.Any(v => v is null) == true)
        {
            errors["blockedValues"] = ["Each blocked value is a piece of text; remove the null."];
        }
        else if (blockedValues.Count > 1000 || blockedValues.Any(v => v.Length > 255))
        {
            errors["blockedValues"] = ["At most 1,000 blocked values of up to 255 characters."];
        }

        var patterns = input.BlockedPatterns ?? [];
        for (var i = 0; i < patterns.Count; i++)
        {
            try
            {
                _ = new Regex(patterns[i] ?? throw new ArgumentException("A pattern is text, not null."), RegexOptions.None, TimeSpan.FromMilliseconds(50));
            }
            catch (ArgumentException ex)
            {
                errors[$"blockedPatterns[{i}]"] = [$"Not a valid regular expression: {ex.Message}"];
            }
        }

        if (errors.Count > 0)
        {
            return OperationResult<IdentityRulesDto>.Invalid(errors);
        }

        var rules = new IdentityRulesDto([.. priority!], limits, blockedValues, patterns);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Set<IdentitySettings>().SingleOrDefaultAsync(s => s.Name == IdentitySettings.SingletonName, cancellationToken);
        if (stored is null)
        {
            stored = new IdentitySettings();
            db.Add(stored);
        }

        var before = (await provider.CurrentAsync(cancellationToken)).BlockedValues.Select(v => v.ToLowerInvariant()).ToHashSet();
        var entry = AuditActor.For(access, AuditActions.IdentityRulesChanged);
        (stored.Rules, stored.UpdatedAt, stored.UpdatedByUserId) = (IdentityRulesProvider.Serialize(rules), timeProvider.GetUtcNow(), entry.UserId);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("identity-rules", IdentitySettings.SingletonName,
            $"Identity rules: priority {string.Join(" > ", rules.Priority)}; limits {string.Join(", ", limits.Select(l => $"{l.Key} ≤ {l.Value}"))}; {blockedValues.Count} blocked values, {patterns.Count} patterns");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        provider.Invalidate();
        // The events of user ids that were blocked or are now go to the profile the rule gives them.
        before.SymmetricExceptWith(blockedValues.Select(v => v.ToLowerInvariant()));
        string[] changed = [.. before];
        if (changed.Length > 0)
        {
            jobs.Enqueue<EventReassignJob>(job => job.RunAsync(changed, CancellationToken.None));
        }

        return OperationResult<IdentityRulesDto>.Ok(rules);
    }
}
