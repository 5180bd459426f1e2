namespace CrmCdp.Web.Modules.Crm.Quotas;

public sealed class QuotaInput
{
    public Guid? UserId { get; set; }

    public Guid? PipelineId { get; set; }

    /// <summary>The month as <c>yyyy-MM</c>.</summary>
    public string? Month { get; set; }

    public decimal? Amount { get; set; }
}

/// <param name="Month">The month as <c>yyyy-MM</c>.</param>
public sealed record QuotaDto(Guid Id, Guid UserId, string UserName, Guid PipelineId, string Month, decimal Amount, string Currency);

/// <summary>A rep's month: the quota against what is won (committed), weighted and possible (best case).</summary>
/// <param name="Attainment">Won as a percentage of the quota; null without a quota.</param>
public sealed record QuotaAttainment(Guid UserId, string UserName, decimal? Quota, decimal Won, decimal Weighted, decimal BestCase, double? Attainment);
