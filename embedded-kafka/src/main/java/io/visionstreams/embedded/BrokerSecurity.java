package io.visionstreams.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A {@code SASL_SSL} listener for {@link EmbeddedKafka}: TLS with the given key store (whose
 * certificate must name 127.0.0.1), SASL/PLAIN users, and the {@code StandardAuthorizer} with
 * {@code super.users} = {@code superUser} (everyone else needs ACLs). For tests of a secured cluster;
 * the certificate is the caller's (tests make one at test time).
 *
 * @param users user name to password, {@code superUser} included
 */
public record BrokerSecurity(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword,
                             String superUser, Map<String, String> users) {

    public BrokerSecurity {
        users = Map.copyOf(users);
        if (!users.containsKey(superUser)) {
            throw new IllegalArgumentException("the super user needs a password in users");
        }
    }

    /** Client settings that authenticate as {@code user} (TLS trusting the broker's certificate, SASL/PLAIN). */
    public Properties clientProperties(String bootstrap, String user) {
        Properties p = tlsOnly(bootstrap);
        p.setProperty("security.protocol", "SASL_SSL");
        p.setProperty("sasl.mechanism", "PLAIN");
        p.setProperty("sasl.jaas.config", plainLogin(user, users.get(user)) + ";");
        return p;
    }

    /** TLS trusting the broker, but no credentials (what an unauthenticated client has). */
    public Properties tlsOnly(String bootstrap) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrap);
        p.setProperty("security.protocol", "SSL");
        p.setProperty("ssl.truststore.location", trustStore.toString());
        p.setProperty("ssl.truststore.password", trustStorePassword);
        p.setProperty("ssl.truststore.type", "PKCS12");
        return p;
    }

    /** The broker's listener, authorizer and inter-broker settings (the controller listener stays loopback PLAINTEXT). */
    Properties brokerProperties() {
        Properties p = new Properties();
        p.put("sasl.enabled.mechanisms", "PLAIN");
        p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.put("listener.name.sasl_ssl.plain.sasl.jaas.config", plainLogin(superUser, users.get(superUser))
                + users.entrySet().stream().map(u -> " user_" + u.getKey() + "=\"" + u.getValue() + "\"")
                .collect(Collectors.joining()) + ";");
        p.put("ssl.keystore.location", keyStore.toString());
        p.put("ssl.keystore.password", keyStorePassword);
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.truststore.location", trustStore.toString());
        p.put("ssl.truststore.password", trustStorePassword);
        p.put("ssl.truststore.type", "PKCS12");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // the broker reaches its own controller over the loopback PLAINTEXT listener, as ANONYMOUS
        p.put("super.users", "User:" + superUser + ";User:ANONYMOUS");
        return p;
    }

    private static String plainLogin(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\"";
    }
}
