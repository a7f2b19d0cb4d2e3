package dev.platen.render.images;

import dev.platen.render.EngineSettings;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Set;

/**
 * Which resolved addresses an image fetch may connect to. Template authors choose image URLs, so without this
 * the render worker would fetch whatever they point at: cloud metadata endpoints, the database, the admin port.
 */
public final class AddressPolicy {
  private final boolean allowPrivate;
  private final Set<InetAddress> exceptions;

  private AddressPolicy(boolean allowPrivate, Set<InetAddress> exceptions) {
    this.allowPrivate = allowPrivate;
    this.exceptions = exceptions;
  }

  public static AddressPolicy of(EngineSettings settings) {
    return new AddressPolicy(settings.allowPrivateFetch(), Set.of());
  }

  /** Public addresses plus exactly the given ones: lets tests serve images from 127.0.0.1 and still test refusals. */
  public static AddressPolicy publicOnlyExcept(InetAddress... allowed) {
    return new AddressPolicy(false, Set.of(allowed));
  }

  boolean permits(InetAddress address) {
    return allowPrivate || exceptions.contains(address) || isPublic(address);
  }

  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0) return false;                                  // "this network", 0.0.0.0/8
      if (first == 100 && (second & 0xc0) == 64) return false;      // carrier-grade NAT, 100.64.0.0/10
      if (first == 192 && second == 0 && (b[2] & 0xff) == 0) return false; // IETF protocol assignments
      if (first == 198 && (second & 0xfe) == 18) return false;      // benchmarking, 198.18.0.0/15
      return first < 240;                                            // reserved and broadcast, 240.0.0.0/4
    }
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) return false;                      // unique local, fc00::/7
      if (isIpv4Mapped(b)) {
        try {
          return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (java.net.UnknownHostException e) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) return false;
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
