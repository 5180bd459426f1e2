using System.Text.Json.Nodes;

namespace CrmCdp.Web.Modules.Cdp.Contracts;

/// <summary>What a journey may do with the CDP's destinations: list the webhooks and send a person's step to one.</summary>
internal interface IDestinationsForMarketing
{
    /// <summary>The destinations by name, to choose a webhook step's target from.</summary>
    Task<IReadOnlyList<(Guid Id, string Name)>> WebhooksAsync(AppDbContext db, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(AppDbContext db, Guid destinationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds (does not save) a signed delivery of <paramref name="body"/> with the person's profile (as the destination may
    /// see it: PII only when it takes PII) to the destination's outbox, in the caller's unit of work. Answers null when
    /// queued, or why not: <c>destination_disabled</c>, <c>no_consent</c> (the destination's consent category or suppression).
    /// </summary>
    Task<string?> SendAsync(AppDbContext db, Guid destinationId, Guid profileId, JsonObject body, CancellationToken cancellationToken = default);
}
