using System.Diagnostics;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Marketing.Journeys;
using CrmCdp.Web.Platform.Data;
using CrmCdp.Web.Platform.Email;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;

namespace CrmCdp.Benchmarks.Scenarios;

/// <summary>
/// 100,000 people entering one journey at once, whose first step is a marketing email, to a local SMTP server: how long
/// until everyone has taken the step and until every email has arrived, emails per second against plain MailKit sends
/// to the same server in the same run, duplicates on the server's log, and the memory of the process (app and server).
/// </summary>
internal sealed class JourneyScenario(int people = 100_000) : IScenario
{
    private const int BaselineMessages = 2_000;

    public string Name => "journeys";

    public string Description => $"{people:N0} people entering a journey at once, first step an email to a local SMTP server, against plain MailKit sends to it";

    public async Task<ScenarioResult> RunAsync()
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CRMCDP_WEB", CrmImportScenario.WebProjectDirectory());
        await using var smtp = TestSmtpServer.Start(keepMessages: false);
        await using var app = new AppFixture();
        await app.StartAsync("benchjourneys", settings: new Dictionary<string, string?>(smtp.AppSettings())
        {
            ["Email:PublicUrl"] = "http://crmcdp.bench",
            ["Journeys:IdleMilliseconds"] = "100",
        });
        var services = app.Factory.Services;
        var ids = await GeneratePeopleAsync(app.Factory.ConnectionString);
        var journey = await PublishAsync(services);

        var memory = new PeakMemory();
        var stopwatch = Stopwatch.StartNew();
        await using (var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await JourneyBulkEnrolment.EnrolAsync(db, journey, ids, "bench:", DateTimeOffset.UtcNow, CancellationToken.None);
        }

        services.GetRequiredService<JourneyWakeUp>().Wake();
        var enrolled = stopwatch.Elapsed;
        var stepped = await WaitAsync(() => StepsTakenAsync(app.Factory.ConnectionString, journey.Id), people, memory, "first steps");
        var stepsAt = stopwatch.Elapsed;
        await WaitAsync(() => Task.FromResult<long>(smtp.Count), people, memory, "emails");
        var mailedAt = stopwatch.Elapsed;
        var recipients = smtp.Recipients;
        var duplicates = recipients.Count - recipients.Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var emailsPerSecond = people / mailedAt.TotalSeconds;
        Print($"enrolled {people:N0} people in one statement in {enrolled.TotalSeconds:N1} s");
        Print($"everyone on their first step (the email queued) after {stepsAt.TotalSeconds:N1} s: {stepped / stepsAt.TotalSeconds:N0} people/s");
        Print($"every email on the SMTP server after {mailedAt.TotalSeconds:N1} s: {emailsPerSecond:N0} emails/s; duplicates on the server's log: {duplicates}");
        Print($"process working set peak {memory.PeakMiB:N0} MiB (the app and the SMTP server in one process)");

        var baseline = await MailKitAloneAsync(smtp.Port);
        Print($"plain MailKit sends of {BaselineMessages:N0} messages on one connection to the same server: {baseline:N0} emails/s");
        return new ScenarioResult($"journey emails from enrolment to the SMTP server ({people:N0} people)", emailsPerSecond, "plain MailKit sends", baseline, " emails/s");
    }

    private static void Print(string line) => Console.WriteLine("   " + line);

    private async Task<Guid[]> GeneratePeopleAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO cdp_profiles (id, traits, trait_sources, consent, first_seen_at, last_seen_at, event_count, created_at, updated_at)
            SELECT md5('j' || g)::uuid, jsonb_build_object('email', 'person' || g || '@bench.example', 'first_name', 'Person ' || g), '{}',
                   jsonb_build_object('email', true), now(), now(), 0, now(), now()
            FROM generate_series(1, @people) g;
            INSERT INTO cdp_identifiers (type, value, first_seen_at, profile_id)
            SELECT 'email', 'person' || g || '@bench.example', now(), md5('j' || g)::uuid FROM generate_series(1, @people) g;
            ANALYZE cdp_profiles; ANALYZE cdp_identifiers;
            SELECT array_agg(md5('j' || g)::uuid) FROM generate_series(1, @people) g;
            """, connection) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("people", people);
        return (Guid[])(await command.ExecuteScalarAsync())!;
    }

    private static async Task<LiveJourney> PublishAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var template = new EmailTemplate { Id = Guid.CreateVersion7(), Name = "Bench offer", Subject = "{{ profile.first_name }}, 10% off", Html = "<p>Hi {{ profile.first_name }}, take 10% off today.</p>", CreatedAt = now, UpdatedAt = now };
        var definition = new JourneyDefinition
        {
            Name = "Bench welcome",
            Trigger = new JourneyTrigger { Type = JourneyTriggerTypes.Event, Event = "Bench Entered" },
            Start = "offer",
            Steps = [new JourneyStep { Id = "offer", Type = JourneyStepTypes.SendEmail, TemplateId = template.Id }],
        };
        var journey = new Journey { Id = Guid.CreateVersion7(), Name = definition.Name, Status = JourneyStatuses.Live, LiveVersion = 1, Draft = definition.Serialize(), CreatedAt = now, UpdatedAt = now };
        db.AddRange(template, journey, new JourneyVersion { JourneyId = journey.Id, Version = 1, Definition = definition.Serialize(), PublishedAt = now });
        await db.SaveChangesAsync();
        return new LiveJourney(journey.Id, 1, definition);
    }

    private static async Task<long> StepsTakenAsync(string connectionString, Guid journeyId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM mkt_journey_step_runs WHERE journey_id = @journey", connection);
        command.Parameters.AddWithValue("journey", journeyId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Polls until the count reaches the target (a stall of 5 minutes without progress ends the run), sampling memory meanwhile.</summary>
    private static async Task<long> WaitAsync(Func<Task<long>> count, long target, PeakMemory memory, string what)
    {
        var (last, lastChange) = (-1L, Stopwatch.StartNew());
        while (true)
        {
            memory.Sample();
            var now = await count();
            if (now >= target)
            {
                return now;
            }

            if (now != last)
            {
                (last, lastChange) = (now, Stopwatch.StartNew());
                if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1")
                {
                    Print($"  {what}: {now:N0}");
                }
            }
            else if (lastChange.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"{what}: stuck at {now:N0} of {target:N0}");
            }

            await Task.Delay(500);
        }
    }

    private static async Task<double> MailKitAloneAsync(int port)
    {
        using var client = new SmtpClient();
        if (Environment.GetEnvironmentVariable("BENCH_NODELAY") == "1")
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync("127.0.0.1", port);
            await client.ConnectAsync(socket, "127.0.0.1", port, MailKit.Security.SecureSocketOptions.None);
        }
        else
        {
            await client.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None);
        }
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < BaselineMessages; i++)
        {
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse("crm@test.crmcdp.local"));
            message.To.Add(MailboxAddress.Parse($"baseline{i}@bench.example"));
            message.Subject = $"Person {i}, 10% off";
            message.Body = new BodyBuilder { HtmlBody = $"<p>Hi Person {i}, take 10% off today.</p>", TextBody = $"Hi Person {i}, take 10% off today." }.ToMessageBody();
            await client.SendAsync(message);
        }

        var rate = BaselineMessages / stopwatch.Elapsed.TotalSeconds;
        await client.DisconnectAsync(true);
        return rate;
    }

    private sealed class PeakMemory
    {
        public double PeakMiB { get; private set; }

        public void Sample()
        {
            using var process = Process.GetCurrentProcess();
            PeakMiB = Math.Max(PeakMiB, process.WorkingSet64 / 1024.0 / 1024.0);
        }
    }
}
