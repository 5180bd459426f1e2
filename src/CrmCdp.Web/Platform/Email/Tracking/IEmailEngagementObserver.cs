namespace CrmCdp.Web.Platform.Email.Tracking;

/// <summary>
/// Told of each open and click of a tracked email after it is recorded (marketing turns them into CDP events). A failing
/// observer is logged; the recipient still gets the pixel or the redirect.
/// </summary>
internal interface IEmailEngagementObserver
{
    Task OpenedAsync(Guid emailId, DateTimeOffset at, CancellationToken cancellationToken);

    Task ClickedAsync(Guid emailId, string url, DateTimeOffset at, CancellationToken cancellationToken);
}
