using CrmCdp.Web.Platform.Email;
using CrmCdp.Web.Platform.Email.Inbound;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Admin.Email;

/// <summary>Adds or changes a mailbox CrmCdp reads.</summary>
public partial class MailboxDialog
{
    private MailboxInput _input = new() { Port = 993, TlsMode = SmtpTlsMode.Auto, Enabled = true, IsSupport = false };

    [Parameter]
    public Guid? MailboxId { get; set; }

    [Inject]
    private MailboxService Mailboxes { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (MailboxId is { } id && (await Mailboxes.ListAsync(await AccessAsync())).FirstOrDefault(m => m.Id == id) is { } m)
        {
            _input = new MailboxInput
            {
                Name = m.Name,
                Host = m.Host,
                Port = m.Port,
                TlsMode = m.TlsMode,
                User = m.User,
                Folder = m.Folder,
                OwnerUserId = m.OwnerUserId,
                IsSupport = m.IsSupport,
                Enabled = m.Enabled,
            };
        }
    }

    private Task SaveAsync() => SubmitAsync(access => Mailboxes.SaveAsync(access, MailboxId, _input));
}
