using CrmCdp.Web.Platform.Jobs;
using Hangfire;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>
/// Every minute: finishes submissions a crash or an outage interrupted (a contact not yet made, or events the CDP could
/// not take then). Only those older than a minute, so it never races the request that is still making them.
/// </summary>
internal sealed partial class FormSweepJob(IDbContextFactory<AppDbContext> dbFactory, FormSubmissionProcessor processor, TimeProvider timeProvider, ILogger<FormSweepJob> logger)
    : IRecurringJobDefinition
{
    public const string Id = "forms:process";

    public void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<FormSweepJob>(Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var before = timeProvider.GetUtcNow().AddMinutes(-1);
        List<Guid> unfinished;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            unfinished = await db.Set<FormSubmission>()
                .Where(s => (s.Status == SubmissionStatus.Received || (s.Status == SubmissionStatus.Processed && s.EventsSentAt == null)) && s.ReceivedAt < before)
                .OrderBy(s => s.ReceivedAt).Select(s => s.Id).Take(200).ToListAsync(cancellationToken);
        }

        foreach (var id in unfinished)
        {
            try
            {
                await processor.ProcessAsync(id, cancellationToken);
            }
#pragma warning disable CA1031 // One submission that cannot be finished must not stop the others; it is tried again next minute.
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogUnfinished(logger, ex, id);
            }
        }

        return unfinished.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Form submission {SubmissionId} could not be finished; the sweep tries again")]
    public static partial void LogUnfinished(ILogger logger, Exception exception, Guid submissionId);
}
