using System.Buffers;

namespace CrmCdp.Web.Platform.Validation;

/// <summary>
/// Reads an API request's JSON body once and refuses, with a 400 naming the field, what PostgreSQL cannot store (see
/// <see cref="StorableJson"/>): a NUL in a name, a lone surrogate in a note, a trait number beyond numeric. Checked here,
/// every endpoint is covered whatever type it binds the body to (strings, JsonElement, dictionaries), before any write.
/// </summary>
internal sealed class StorableJsonBodyMiddleware(RequestDelegate next)
{
    /// <summary>API bodies are records and filters, never files (imports are multipart): a few megabytes is plenty.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || !request.HasJsonContentType()
            || request.ContentLength == 0)
        {
            await next(context);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and <= MaxBodyBytes ? (int)request.ContentLength.Value : 16 * 1024);
        int read;
        while ((read = await request.Body.ReadAsync(buffer.GetMemory(16 * 1024), context.RequestAborted)) > 0)
        {
            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBodyBytes)
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"An API request body is at most {MaxBodyBytes / 1024 / 1024} MB.")
                    .ExecuteAsync(context);
                return;
            }
        }

        if (StorableJson.FirstProblem(buffer.WrittenSpan) is { } problem)
        {
            await TypedResults.ValidationProblem(new Dictionary<string, string[]> { [problem.Path] = [problem.Message] }, title: "A value cannot be stored.")
                .ExecuteAsync(context);
            return;
        }

        request.Body = new MemoryStream(buffer.WrittenMemory.ToArray(), writable: false);
        await next(context);
    }
}
