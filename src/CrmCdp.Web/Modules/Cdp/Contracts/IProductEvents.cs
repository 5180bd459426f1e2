using System.Text.Json.Nodes;

namespace CrmCdp.Web.Modules.Cdp.Contracts;

/// <summary>
/// Events the product itself sends into the CDP (a web form's identify and "Form Submitted"), through the same parser,
/// suppression list and writer as the collection API, under a built-in source. Each event needs a stable
/// <c>messageId</c>, so sending again after a failure stores nothing twice.
/// </summary>
internal interface IProductEvents
{
    /// <summary>True once every event is stored (or was already); false when the CDP could not take them now.</summary>
    Task<bool> SendAsync(ProductSource source, IReadOnlyList<JsonObject> events, CancellationToken cancellationToken = default);
}

/// <summary>A built-in source: fixed id, so every installation and instance agrees on it without a lookup.</summary>
internal sealed record ProductSource(Guid Id, string Name)
{
    public static ProductSource WebForms { get; } = new(new Guid("0195f0a0-0000-7000-8000-00000000f001"), "Web forms");

    public static ProductSource MarketingEmail { get; } = new(new Guid("0195f0a0-0000-7000-8000-00000000f002"), "Marketing email");
}
