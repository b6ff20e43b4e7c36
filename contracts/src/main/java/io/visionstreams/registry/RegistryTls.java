package io.visionstreams.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS trust for the registry: {@code schema.registry.ssl.truststore.*} when set, else the JDK's default. */
final class RegistryTls {

    private RegistryTls() {}

    static SSLContext context(RegistrySettings settings) {
        try {
            if (settings.truststore() == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(settings.truststoreType());
            try (InputStream in = Files.newInputStream(settings.truststore())) {
                store.load(in, settings.truststorePassword());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RegistrySettings.TRUSTSTORE_LOCATION + " "
                    + settings.truststore(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use " + RegistrySettings.TRUSTSTORE_LOCATION + " "
                    + settings.truststore() + ": " + e.getMessage(), e);
        }
    }
}
