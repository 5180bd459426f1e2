using CrmCdp.Web.Modules.Crm.Quotas;

namespace CrmCdp.Web.Modules.Crm.Dashboards;

public sealed record StageTotal(string Stage, int Deals, decimal Amount, decimal Weighted);

/// <param name="Month">yyyy-MM.</param>
public sealed record MonthForecast(string Month, decimal Won, decimal Weighted, decimal BestCase, decimal? Quota);

public sealed record WaitingTask(Guid Id, string Title, DateTimeOffset DueAt, Guid? ContactId, bool Overdue, string Origin);

/// <summary>A rep's own sales: their open pipeline by stage, this and next month's forecast with their quota, and the tasks the CDP handed them.</summary>
public sealed record RepDashboard(
    Guid PipelineId, string PipelineName, string Currency, IReadOnlyList<StageTotal> Pipeline, IReadOnlyList<MonthForecast> Forecast,
    int WaitingTaskCount, IReadOnlyList<WaitingTask> WaitingTasks);

/// <param name="WinRate">Won out of closed, in percent, over the period; null when nothing closed.</param>
public sealed record RepPerformance(Guid UserId, string Name, int Won, int Lost, double? WinRate, double? AverageCycleDays, int Activities);

public sealed record DealAtRisk(Guid Id, string Name, string? OwnerName, string Stage, int DaysInStage, decimal Amount);

/// <summary>A manager's team: pipeline by stage, this month's forecast against each rep's quota, per-rep performance and rotting deals.</summary>
public sealed record ManagerDashboard(
    Guid PipelineId, string PipelineName, string Currency, IReadOnlyList<StageTotal> Pipeline, IReadOnlyList<QuotaAttainment> Quotas,
    IReadOnlyList<RepPerformance> Reps, IReadOnlyList<DealAtRisk> AtRisk, int PeriodDays);
