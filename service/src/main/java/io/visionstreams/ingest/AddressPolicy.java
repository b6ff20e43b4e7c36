package io.visionstreams.ingest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which resolved addresses a claim check may connect to. Refused unless inside one of the
 * operator's ranges ({@code vision.fetch.allowed-networks}): loopback, private (RFC 1918, IPv6
 * unique-local, carrier-grade NAT), link-local (cloud metadata services at 169.254.169.254),
 * multicast, the unspecified address and the other special-purpose IPv4 blocks below.
 */
public final class AddressPolicy {

    /** Special-purpose ranges beyond what {@link InetAddress}'s own predicates recognise. */
    private static final List<Cidr> SPECIAL = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("100.64.0.0/10"), Cidr.parse("192.0.0.0/24"),
            Cidr.parse("198.18.0.0/15"), Cidr.parse("240.0.0.0/4"), Cidr.parse("fc00::/7"),
            Cidr.parse("64:ff9b::/96"), Cidr.parse("2002::/16"));

    private final List<Cidr> allowed;

    private AddressPolicy(List<Cidr> allowed) {
        this.allowed = allowed;
    }

    /** {@code cidrs}: ranges such as {@code 10.20.0.0/16} or {@code ::1/128}; a bare address is one host. */
    public static AddressPolicy of(List<String> cidrs) {
        return new AddressPolicy(cidrs.stream().map(String::trim).filter(c -> !c.isEmpty()).map(Cidr::parse).toList());
    }

    /** Whether a connection to {@code address} is allowed. */
    public boolean allows(InetAddress address) {
        return !isSpecial(address) || allowed.stream().anyMatch(c -> c.contains(address));
    }

    /** Loopback, private, link-local, multicast or another special-purpose address. */
    public static boolean isSpecial(InetAddress a) {
        return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()
                || a.isAnyLocalAddress() || SPECIAL.stream().anyMatch(c -> c.contains(a))
                || (a instanceof Inet6Address v6 && isIpv4Compatible(v6));
    }

    /** {@code ::a.b.c.d} (deprecated IPv4-compatible form; IPv4-mapped ones already come back as IPv4). */
    private static boolean isIpv4Compatible(Inet6Address a) {
        byte[] b = a.getAddress();
        for (int i = 0; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** An address range; hand-written: neither the JDK nor our dependencies offer CIDR matching. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            String address = parts[0].trim();
            if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) { // literals only: never a DNS lookup
                throw new IllegalArgumentException("vision.fetch.allowed-networks: '" + text + "' is not an IP range");
            }
            try {
                byte[] network = InetAddress.getByName(address).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : network.length * 8;
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new NumberFormatException("prefix " + prefix);
                }
                return new Cidr(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("vision.fetch.allowed-networks: '" + text + "' is not an IP range");
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            return rest == 0 || ((a[full] ^ network[full]) & (0xFF << (8 - rest)) & 0xFF) == 0;
        }
    }
}
