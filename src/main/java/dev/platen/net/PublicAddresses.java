package dev.platen.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Whether an address is on the public internet. Platen connects to addresses its users choose (image URLs in
 * templates, webhook URLs), so without this check it would reach whatever they point at: cloud metadata endpoints,
 * the database, the admin port. Shared by the image fetcher and the webhook sender so both refuse the same set.
 */
public final class PublicAddresses {
  private PublicAddresses() {}

  public static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) return isPublicIpv4(b, 0, 0);
    return a instanceof Inet6Address && isPublicIpv6(b);
  }

  /** @param xor 0xff for Teredo, which stores its client address inverted */
  private static boolean isPublicIpv4(byte[] b, int at, int xor) {
    int first = (b[at] ^ xor) & 0xff;
    int second = (b[at + 1] ^ xor) & 0xff;
    int third = (b[at + 2] ^ xor) & 0xff;
    if (first == 0 || first == 10 || first == 127) return false;    // "this network", private, loopback
    if (first == 172 && (second & 0xf0) == 16) return false;        // private, 172.16.0.0/12
    if (first == 192 && second == 168) return false;                // private, 192.168.0.0/16
    if (first == 169 && second == 254) return false;                // link-local, cloud metadata endpoints
    if (first == 100 && (second & 0xc0) == 64) return false;       // carrier-grade NAT, 100.64.0.0/10
    if (first == 192 && second == 0 && third == 0) return false;    // IETF protocol assignments
    if (first == 198 && (second & 0xfe) == 18) return false;       // benchmarking, 198.18.0.0/15
    return first < 224;                                             // multicast, reserved and broadcast
  }

  /**
   * Java classifies only native IPv6 loopback, link-local and site-local, but an IPv6 address can carry an IPv4
   * one that a gateway, a tunnel or the kernel itself connects to: every such form is judged by its IPv4
   * address, and prefixes whose embedding the operator chooses are refused outright.
   */
  private static boolean isPublicIpv6(byte[] b) {
    int first = b[0] & 0xff;
    if ((first & 0xfe) == 0xfc) return false;                       // unique local, fc00::/7
    if (first == 0xff) return false;                                // multicast, ff00::/8
    if (first == 0xfe && (b[1] & 0x80) != 0) return false;          // link-local fe80::/10, site-local fec0::/10
    if (zeros(b, 0, 10)) {
      // ::/96 holds the unspecified address, ::1 and IPv4-compatible ::a.b.c.d; ::ffff:0:0/96 IPv4-mapped
      boolean embeds = (b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff);
      return embeds && isPublicIpv4(b, 12, 0);
    }
    if (zeros(b, 0, 8) && b[8] == (byte) 0xff && b[9] == (byte) 0xff && zeros(b, 10, 2)) {
      return isPublicIpv4(b, 12, 0);                                 // IPv4-translated (SIIT), ::ffff:0:a.b.c.d
    }
    if (startsWith(b, 0x00, 0x64, 0xff, 0x9b)) {
      if (zeros(b, 4, 8)) return isPublicIpv4(b, 12, 0);           // NAT64 well-known prefix, 64:ff9b::/96
      return false;                                                  // local-use NAT64 64:ff9b:1::/48 and the rest
    }
    if (startsWith(b, 0x20, 0x02)) return isPublicIpv4(b, 2, 0);   // 6to4, 2002:a.b.c.d::/48
    if (startsWith(b, 0x20, 0x01, 0x00, 0x00)) {                    // Teredo, 2001::/32: server, then client
      return isPublicIpv4(b, 4, 0) && isPublicIpv4(b, 12, 0xff);
    }
    if (startsWith(b, 0x20, 0x01, 0x0d, 0xb8)) return false;        // documentation, 2001:db8::/32
    if (startsWith(b, 0x01, 0x00) && zeros(b, 2, 6)) return false;  // discard-only, 100::/64
    return true;
  }

  private static boolean zeros(byte[] b, int from, int count) {
    for (int i = from; i < from + count; i++) {
      if (b[i] != 0) return false;
    }
    return true;
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xff) != prefix[i]) return false;
    }
    return true;
  }
}
