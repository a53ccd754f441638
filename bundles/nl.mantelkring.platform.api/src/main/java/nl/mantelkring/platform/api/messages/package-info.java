/**
 * Messages to citizens, never lost and never sent twice by the platform: a module stores an
 * {@link OutgoingMessage} in the {@link Outbox} in the same transaction as the event that causes it; the platform's
 * worker sends it (e-mail over SMTP built in; other channels through the {@link MessageChannel} SPI), or puts it
 * in the day's print batch for the municipality's print service, with retries and backoff, under a cluster lease.
 */
@Export
@Version("1.0.0")
package nl.mantelkring.platform.api.messages;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
