package dev.platen.webhooks;

import dev.platen.net.PublicAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where deliveries may go. A webhook URL is chosen by whoever holds a project key, so without this Platen would
 * POST to its own database, the cloud metadata endpoint or the admin port on the user's behalf. The URL's shape is
 * checked when it is saved; the addresses its host resolves to are checked before every attempt, because DNS
 * answers change.
 *
 * <p>Limitation (as for images): the check resolves the host, then the HTTP client resolves it again to connect; a
 * DNS server that answers differently within that window can slip past it.
 */
public final class TargetPolicy {
  public static final int MAX_URL_LENGTH = 2048;
  private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");
  private final boolean allowPrivate;

  public TargetPolicy(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  public boolean allowsPrivate() { return allowPrivate; }

  /** What is wrong with {@code url} as a webhook target, in words for the user; empty when it may be saved. */
  public Optional<String> problemWith(String url) {
    if (url.length() > MAX_URL_LENGTH) return Optional.of("Must be at most " + MAX_URL_LENGTH + " characters.");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("Not a valid URL: " + e.getReason() + ".");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("Must be an absolute http or https URL.");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) return Optional.of("Must name a host.");
    if (uri.getRawUserInfo() != null) {
      return Optional.of("Must not carry credentials; verify deliveries with the signature instead.");
    }
    if (uri.getRawFragment() != null) return Optional.of("Must not have a #fragment.");
    // An IP literal cannot change its mind later: refuse a private one now rather than at every attempt.
    return literal(uri.getHost()).filter(a -> !permits(a)).map(a -> a.getHostAddress()
        + " is a private, loopback or link-local address; webhooks go to public addresses only"
        + " (PLATEN_ALLOW_PRIVATE_WEBHOOKS=true lifts this).");
  }

  private static Optional<InetAddress> literal(String host) {
    boolean v6 = host.startsWith("[") && host.endsWith("]");
    boolean v4 = IPV4_LITERAL.matcher(host).matches();
    if (!v6 && !v4) return Optional.empty();
    try {
      return Optional.of(InetAddress.getByName(v6 ? host.substring(1, host.length() - 1) : host));
    } catch (UnknownHostException e) {
      return Optional.empty(); // not a literal after all; resolved (and judged) at send time
    }
  }

  boolean permits(InetAddress a) {
    return allowPrivate || PublicAddresses.isPublic(a);
  }

  /**
   * Resolves the URL's host now and judges every address it has.
   *
   * @throws Refused with the message recorded as the attempt's {@code lastError}
   */
  URI check(String url) throws Refused {
    Optional<String> problem = problemWith(url);
    if (problem.isPresent()) throw new Refused("refused: " + url + ": " + problem.get());
    URI uri = URI.create(url);
    String host = uri.getHost();
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      throw new Refused("unknown host " + host);
    }
    for (InetAddress a : addresses) {
      if (!permits(a)) {
        throw new Refused("refused: " + host + " resolves to " + a.getHostAddress()
            + ", a private, loopback or link-local address (PLATEN_ALLOW_PRIVATE_WEBHOOKS is off); not contacted");
      }
    }
    return uri;
  }

  /** An attempt that was not made because of where it would go. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }
}
