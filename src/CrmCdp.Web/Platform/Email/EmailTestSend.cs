namespace CrmCdp.Web.Platform.Email;

internal sealed record EmailTestResult(bool Sent, string Answer, Guid EmailId);

/// <summary>The test button: one message through the real outbox and delivery, answered at once with what the server said.</summary>
internal sealed class EmailTestSend(IDbContextFactory<AppDbContext> dbFactory, EmailSettingsService settings, EmailOutbox outbox, EmailDeliveryJob delivery)
{
    public async Task<OperationResult<EmailTestResult>> SendAsync(AccessContext access, string? to, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.EmailManage))
        {
            return OperationResult<EmailTestResult>.Forbidden("Your role cannot set up email.");
        }

        if (!EmailAddresses.IsMailbox(to))
        {
            return OperationResult<EmailTestResult>.Invalid("to", "Enter the address to send the test to.");
        }

        if ((await settings.ResolveAsync(cancellationToken)).Problem is { } problem)
        {
            return OperationResult<EmailTestResult>.Ok(new EmailTestResult(false, problem, Guid.Empty));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var email = outbox.Add(db, new EmailDraft(EmailPurposes.Test, to!.Trim(), "CrmCdp test email",
            "<p>This is a test from CrmCdp: outgoing email works.</p>", "This is a test from CrmCdp: outgoing email works.")
        { SentByUserId = access.UserId });
        // Out of the delivery runs' way: this request sends it, once, and reports what the server said.
        email.NextAttemptAt = DateTimeOffset.MaxValue;
        await db.SaveChangesAsync(cancellationToken);
        var attempt = await delivery.SendNowAsync(email.Id, cancellationToken);
        return OperationResult<EmailTestResult>.Ok(new EmailTestResult(attempt?.Accepted == true, attempt?.Answer ?? "The message was already taken by the outbox.", email.Id));
    }
}
