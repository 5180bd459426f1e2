using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>The submissions of a form for review (<c>crm.forms.manage</c>): newest first, spam held apart until released or deleted.</summary>
internal sealed class FormSubmissionService(IDbContextFactory<AppDbContext> dbFactory, FormSubmissionProcessor processor)
{
    private const string Refused = "Your role cannot review form submissions.";

    public async Task<IReadOnlyList<FormSubmissionDto>> ListAsync(
        AccessContext access, Guid formId, string? status, int limit = 100, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.FormsManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<FormSubmission>().AsNoTracking().Where(s => s.FormId == formId);
        if (Enum.TryParse<SubmissionStatus>(status, ignoreCase: true, out var wanted))
        {
            query = query.Where(s => s.Status == wanted);
        }

        var rows = await query.OrderByDescending(s => s.ReceivedAt).Take(Math.Clamp(limit, 1, 500)).ToListAsync(cancellationToken);
        return [.. rows.Select(FormSubmissionDto.Of)];
    }

    /// <summary>Releases a submission held as spam: it is processed as if it had been accepted.</summary>
    public async Task<OperationResult<FormSubmissionDto>> ReleaseAsync(AccessContext access, Guid submissionId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.FormsManage))
        {
            return OperationResult<FormSubmissionDto>.Forbidden(Refused);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var released = await db.Set<FormSubmission>().Where(s => s.Id == submissionId && s.Status == SubmissionStatus.Spam)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubmissionStatus.Received), cancellationToken);
            if (released == 0)
            {
                return await db.Set<FormSubmission>().AnyAsync(s => s.Id == submissionId, cancellationToken)
                    ? OperationResult<FormSubmissionDto>.Invalid(new Dictionary<string, string[]> { ["status"] = ["Only a submission held as spam can be released."] })
                    : OperationResult<FormSubmissionDto>.NotFound();
            }
        }

        await processor.ProcessAsync(submissionId, cancellationToken);
        await using var read = await dbFactory.CreateDbContextAsync(cancellationToken);
        return OperationResult<FormSubmissionDto>.Ok(FormSubmissionDto.Of(await read.Set<FormSubmission>().AsNoTracking().SingleAsync(s => s.Id == submissionId, cancellationToken)));
    }

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid submissionId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.FormsManage))
        {
            return OperationResult<bool>.Forbidden(Refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<FormSubmission>().Where(s => s.Id == submissionId).ExecuteDeleteAsync(cancellationToken) == 0
            ? OperationResult<bool>.NotFound()
            : OperationResult<bool>.Ok(true);
    }
}
