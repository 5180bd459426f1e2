using System.Globalization;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Pipeline;
using CrmCdp.Web.Platform.Audit;

namespace CrmCdp.Web.Modules.Crm.Quotas;

/// <summary>Quotas per rep, pipeline and month: set by admins, seen by whoever sees the rep's deals, compared with the forecast.</summary>
internal sealed class QuotaService(IDbContextFactory<AppDbContext> dbFactory, PipelineService pipelines, DealReports reports, UserDirectory users, AuditLog audit, TimeProvider timeProvider)
{
    public const string MonthFormat = "yyyy-MM";

    public static bool TryParseMonth(string? text, out DateOnly month)
    {
        var ok = DateOnly.TryParseExact(text?.Trim(), MonthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out month);
        month = ok ? new DateOnly(month.Year, month.Month, 1) : default;
        return ok;
    }

    public DateOnly ThisMonth() => reports.ThisMonth();

    public static string FormatMonth(DateOnly month) => month.ToString(MonthFormat, CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<QuotaDto>> ListAsync(AccessContext access, Guid pipelineId, DateOnly fromMonth, int months, CancellationToken cancellationToken = default)
    {
        if (await pipelines.FindAsync(access, pipelineId, cancellationToken) is not { } pipeline)
        {
            return [];
        }

        var to = fromMonth.AddMonths(months);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var quotas = await Visible(db, access).Where(q => q.PipelineId == pipelineId && q.Month >= fromMonth && q.Month < to)
            .OrderBy(q => q.Month).AsNoTracking().ToListAsync(cancellationToken);
        var names = await users.NamesAsync(quotas.Select(q => q.OwnerId), cancellationToken);
        return [.. quotas.Select(q => ToDto(q, names, pipeline.Currency)).OrderBy(q => q.Month, StringComparer.Ordinal).ThenBy(q => q.UserName, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<QuotaAttainment>> AttainmentAsync(AccessContext access, Guid pipelineId, DateOnly month, CancellationToken cancellationToken = default)
    {
        var quotas = await ListAsync(access, pipelineId, month, 1, cancellationToken);
        var forecast = await reports.ForecastAsync(access, pipelineId, month, 1, cancellationToken: cancellationToken);
        var reps = quotas.Select(q => (q.UserId, q.UserName))
            .Concat(forecast.Where(f => f.OwnerId is not null).Select(f => (UserId: f.OwnerId!.Value, UserName: f.OwnerName ?? "?")))
            .DistinctBy(r => r.UserId);
        return [.. reps.Select(rep =>
            {
                var quota = quotas.FirstOrDefault(q => q.UserId == rep.UserId)?.Amount;
                var row = forecast.FirstOrDefault(f => f.OwnerId == rep.UserId);
                var won = row?.Committed ?? 0;
                return new QuotaAttainment(rep.UserId, rep.UserName, quota, won, row?.Weighted ?? 0, row?.BestCase ?? 0,
                    quota is > 0 ? Math.Round((double)(100 * won / quota.Value), 1) : null);
            })
            .OrderBy(r => r.UserName, StringComparer.Ordinal)];
    }

    public async Task<OperationResult<QuotaDto>> SetAsync(AccessContext access, QuotaInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.QuotasManage))
        {
            return OperationResult<QuotaDto>.Forbidden("Your role cannot set quotas.");
        }

        var errors = new Dictionary<string, string[]>();
        var pipeline = input.PipelineId is { } pipelineId ? await pipelines.FindAsync(access, pipelineId, cancellationToken) : null;
        if (pipeline is null)
        {
            errors["pipelineId"] = [input.PipelineId is null ? "Choose the pipeline the quota counts in." : "No such pipeline."];
        }

        if (input.UserId is not { } userId || !await users.ExistsAsync(userId, cancellationToken))
        {
            errors["userId"] = [input.UserId is null ? "Choose the rep." : "No such user."];
        }

        if (!TryParseMonth(input.Month, out var month))
        {
            errors["month"] = ["Give the month as yyyy-MM, e.g. 2026-12."];
        }

        if (input.Amount is not (>= 0 and <= 1_000_000_000_000m))
        {
            errors["amount"] = ["Give an amount from 0 to 1,000,000,000,000."];
        }

        if (errors.Count > 0)
        {
            return OperationResult<QuotaDto>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var quota = await db.Set<SalesQuota>().SingleOrDefaultAsync(q => q.PipelineId == pipeline!.Id && q.Month == month && q.OwnerId == input.UserId, cancellationToken);
        var before = quota?.Amount;
        if (quota is null)
        {
            quota = new SalesQuota { Id = Guid.CreateVersion7(), OwnerId = input.UserId, PipelineId = pipeline!.Id, Month = month };
            db.Add(quota);
        }

        (quota.Amount, quota.UpdatedAt) = (Math.Round(input.Amount!.Value, 2), timeProvider.GetUtcNow());
        var names = await users.NamesAsync([quota.OwnerId], cancellationToken);
        var entry = AuditActor.For(access, AuditActions.QuotaChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("quota", quota.Id.ToString(), $"Quota of {names.GetValueOrDefault(input.UserId!.Value, "?")} for {FormatMonth(month)} in {pipeline!.Name}");
        (entry.Before, entry.After) = (before?.ToString(CultureInfo.InvariantCulture), quota.Amount.ToString(CultureInfo.InvariantCulture));
        audit.Add(db, entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return OperationResult<QuotaDto>.Conflict("Someone set this quota at the same moment; look again and retry.");
        }

        return OperationResult<QuotaDto>.Ok(ToDto(quota, names, pipeline.Currency));
    }

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.QuotasManage))
        {
            return OperationResult<bool>.Forbidden("Your role cannot set quotas.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<SalesQuota>().SingleOrDefaultAsync(q => q.Id == id, cancellationToken) is not { } quota)
        {
            return OperationResult<bool>.NotFound();
        }

        db.Remove(quota);
        var entry = AuditActor.For(access, AuditActions.QuotaChanged);
        (entry.RecordType, entry.RecordId, entry.Summary, entry.Before) = ("quota", id.ToString(), $"Removed the quota for {FormatMonth(quota.Month)}", quota.Amount.ToString(CultureInfo.InvariantCulture));
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    /// <summary>Admins setting quotas see every rep's; everyone else sees the quotas of the reps whose deals they see.</summary>
    private static IQueryable<SalesQuota> Visible(AppDbContext db, AccessContext access) =>
        access.Has(Permissions.Admin.QuotasManage) ? db.Set<SalesQuota>() : db.Set<SalesQuota>().Within(access, Permissions.Crm.DealsRead);

    private static QuotaDto ToDto(SalesQuota q, IReadOnlyDictionary<Guid, string> names, string currency) =>
        new(q.Id, q.OwnerId!.Value, names.GetValueOrDefault(q.OwnerId.Value, "?"), q.PipelineId, FormatMonth(q.Month), q.Amount, currency);
}
