using CrmCdp.Web.Modules.Crm.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Tickets;

/// <summary>A ticket: status, priority and assignee, SLA timers, and the conversation with reply box.</summary>
public partial class TicketPage
{
    private TicketDto? _ticket;
    private IReadOnlyList<ReplyDto> _replies = [];
    private IReadOnlyList<UserOption> _users = [];
    private string? _reply;
    private string? _replyError;
    private bool _internal;
    private bool _loading = true;
    private bool _canEdit;
    private DateTimeOffset _now;
    private long? _mergeInto;
    private IReadOnlyList<Timeline.TimelineItem> _history = [];
    private IReadOnlyList<Emails.EmailAttachmentDto> _attachments = [];

    [Inject]
    private Emails.EmailAttachmentService Attachments { get; set; } = default!;

    [Inject]
    private Timeline.TimelineService Timeline { get; set; } = default!;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private TicketService Tickets { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _users = await Users.AssignableAsync();
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        var access = await AccessAsync();
        _now = Time.GetUtcNow();
        _ticket = (await Tickets.GetAsync(access, Id)).Value;
        _replies = _ticket is null ? [] : await Tickets.RepliesAsync(access, Id);
        _history = _ticket is null ? [] : [.. (await Timeline.ForRecordAsync(access, CrmRecordType.Ticket, Id)).OrderByDescending(i => i.At)];
        _attachments = _ticket is null ? [] : await Attachments.ForTicketAsync(access, Id);
        _canEdit = access.Has(Platform.Auth.Permissions.Crm.TicketsEdit);
    }

    private async Task UpdateAsync(Action<TicketInput> change)
    {
        var input = new TicketInput { Subject = _ticket!.Subject };
        change(input);
        var result = await Tickets.UpdateAsync(await AccessAsync(), Id, input);
        if (result.Value is null)
        {
            Snackbar.Add(result.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? result.Message ?? "The ticket could not be changed.", Severity.Error);
        }

        await LoadAsync();
    }

    private async Task MergeAsync()
    {
        var access = await AccessAsync();
        if (await Tickets.FindByNumberAsync(access, _mergeInto!.Value) is not { } into)
        {
            Snackbar.Add($"There is no ticket #{_mergeInto} you can see.", Severity.Error);
            return;
        }

        if (await Dialogs.ShowMessageBoxAsync("Merge tickets?", $"Move this conversation into ticket #{_mergeInto} and close this ticket?", yesText: "Merge", cancelText: "Cancel") != true)
        {
            return;
        }

        var result = await Tickets.MergeAsync(access, Id, into);
        if (result.Value is null)
        {
            Snackbar.Add(result.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? result.Message ?? "The tickets could not be merged.", Severity.Error);
            return;
        }

        Navigation.NavigateTo($"/crm/tickets/{into}");
    }

    private async Task SendAsync()
    {
        var result = await Tickets.ReplyAsync(await AccessAsync(), Id, new ReplyInput { Body = _reply, Internal = _internal });
        _replyError = result.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? (result.Value is null ? result.Message : null);
        if (result.Value is not null)
        {
            _reply = null;
            await LoadAsync();
        }
    }
}
