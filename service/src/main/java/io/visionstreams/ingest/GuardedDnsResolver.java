package io.visionstreams.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The HTTP client's only way from a name to addresses: it resolves once, keeps the addresses
 * {@link AddressPolicy} allows and hands only those to the connection, so the address checked is
 * the address connected (a name that answers differently the second time gains nothing).
 */
final class GuardedDnsResolver implements DnsResolver {

    /** Every address the name resolved to is refused. */
    static final class AddressRefused extends UnknownHostException {
        AddressRefused(String message) {
            super(message);
        }
    }

    private final AddressPolicy policy;

    GuardedDnsResolver(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] all = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        InetAddress[] allowed = Arrays.stream(all).filter(policy::allows).toArray(InetAddress[]::new);
        if (allowed.length == 0) {
            throw new AddressRefused(host + " resolves only to loopback, private, link-local or multicast addresses "
                    + Arrays.stream(all).map(InetAddress::getHostAddress).toList()
                    + " (allow a range with vision.fetch.allowed-networks)");
        }
        return allowed;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
