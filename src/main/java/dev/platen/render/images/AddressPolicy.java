package dev.platen.render.images;

import dev.platen.net.PublicAddresses;
import dev.platen.render.EngineSettings;
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
    return PublicAddresses.isPublic(a);
  }
}
