package ru.metricarelay.http;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The operator page's words (GET /admin/): English here, Russian in src/main/resources/messages/msg_ru.properties.
 * Qute checks at build time that the template uses only these and that the Russian file names no other.
 * What the relay itself reports (doctor's checks, Metrica's comments, problems) stays as it is, in English.
 */
@MessageBundle(value = "msg", locale = "en")
public interface PageMessages {

    @Message("Metrica Relay — operator page")
    String title();

    @Message("version {version}")
    String version(String version);

    @Message("Read-only: this page changes nothing. Data as of {at} (UTC).")
    String readOnly(String at);

    @Message("Dry-run: webhooks are answered with the requests the relay would make; nothing is sent to Metrica and nothing is stored.")
    String dryRunBanner();

    @Message("Counter checks (doctor)")
    String doctor();

    @Message("The checks could not run: {detail}")
    String doctorFailed(String detail);

    @Message("What to do:")
    String fix();

    @Message("ok")
    String statusOk();

    @Message("attention")
    String statusWarn();

    @Message("fails")
    String statusFail();

    @Message("Senders")
    String senders();

    @Message("Webhook URL to paste into the sender (<RELAY_SECRET> is your relay secret: this page never shows it)")
    String webhookUrl();

    @Message("Or without the secret in the path: the same URL without its last segment, with the secret in the X-Relay-Secret header.")
    String headerToo();

    @Message("records: {outputs}")
    String outputs(String outputs);

    @Message("No webhooks since the relay started (at most {keep} are kept per sender, in memory).")
    String noDeliveries(int keep);

    @Message("Last webhooks: {count}")
    String deliveries(int count);

    @Message("answer")
    String answer();

    @Message("ClientId from")
    String identityFrom();

    @Message("looked at")
    String lookedAt();

    @Message("not a ClientId")
    String invalidIdentity();

    @Message("Problem")
    String problem();

    @Message("What arrived (masked)")
    String body();

    @Message("Queued delivery")
    String queue();

    @Message("Direct delivery: each webhook is sent to Metrica while the sender waits; nothing is queued.")
    String queueDirect();

    @Message("Dry-run, nothing stored: there is no queue.")
    String queueDryRun();

    @Message("The queue cannot be read: {detail}")
    String queueFailed(String detail);

    @Message("rows queued")
    String queued();

    @Message("oldest, seconds")
    String oldest();

    @Message("refused (dead letter)")
    String dead();

    @Message("Refused rows, oldest first")
    String deadRows();

    @Message("Last flush")
    String lastFlush();

    @Message("No flush since the relay started.")
    String noFlush();

    @Message("{at}: {rows} rows delivered in {requests} requests, {failed} refused, {remaining} remaining")
    String flushed(String at, int rows, int requests, int failed, long remaining);

    @Message("stopped")
    String stopped();

    @Message("Metrica's recent uploads")
    String uploads();

    @Message("Metrica lists no uploads.")
    String noUploads();

    @Message("Dry-run: nothing is sent, so no new uploads of this relay appear here.")
    String uploadsDryRun();

    @Message("rows")
    String rows();

    @Message("linked to visits")
    String linked();
}
