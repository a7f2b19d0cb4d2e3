package dev.platen.render.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IPv6 forms that carry an IPv4 address (issue 8, finding 7): each is judged by the IPv4 address a gateway,
 * tunnel or the kernel would connect to, so none of them is a way around the private-address rule.
 */
class AddressPolicyTest {

  @ParameterizedTest(name = "{0} ({1}) refused")
  @CsvSource(delimiter = '|', value = {
      "64:ff9b::7f00:1             | NAT64 of 127.0.0.1",
      "64:ff9b::a00:1              | NAT64 of 10.0.0.1",
      "64:ff9b::a9fe:a9fe          | NAT64 of 169.254.169.254",
      "64:ff9b::c0a8:101           | NAT64 of 192.168.1.1",
      "64:ff9b:1::7f00:1           | local-use NAT64, operator-chosen embedding",
      "64:ff9b:1:808:800:8::       | local-use NAT64 even of a public address",
      "::127.0.0.1                 | IPv4-compatible 127.0.0.1",
      "::10.0.0.1                  | IPv4-compatible 10.0.0.1",
      "::169.254.169.254           | IPv4-compatible metadata endpoint",
      "::ffff:0:7f00:1             | IPv4-translated 127.0.0.1",
      "::ffff:0:ac10:1             | IPv4-translated 172.16.0.1",
      "2002:7f00:1::               | 6to4 of 127.0.0.1",
      "2002:a00:1::1               | 6to4 of 10.0.0.1",
      "2002:a9fe:a9fe::            | 6to4 of 169.254.169.254",
      "2001:0:4136:e378:8000:63bf:80ff:fffe | Teredo, client 127.0.0.1",
      "2001:0:4136:e378:8000:63bf:f5ff:fffe | Teredo, client 10.0.0.1",
      "2001:0:a00:1::1             | Teredo, server 10.0.0.1",
      "fec0::1                     | site-local",
      "feff:ffff::1                | site-local, top of fec0::/10",
      "fc00::1                     | unique local",
      "fdff:ffff::1                | unique local",
      "ff02::1                     | multicast, link scope",
      "ff0e::1                     | multicast, global scope",
      "::                          | unspecified",
      "::1                         | loopback",
      "::2                         | IPv4-compatible 0.0.0.2",
      "::1:0:0                     | unassigned inside ::/80",
      "fe80::1                     | link-local",
      "2001:db8::1                 | documentation",
      "100::1                      | discard-only",
  })
  void refusesEmbeddedAndNonGlobalIpv6(String ip, String what) throws UnknownHostException {
    assertThat(AddressPolicy.isPublic(InetAddress.getByName(ip))).as(what).isFalse();
  }

  @ParameterizedTest(name = "{0} ({1}) allowed")
  @CsvSource(delimiter = '|', value = {
      "64:ff9b::808:808            | NAT64 of 8.8.8.8",
      "64:ff9b::5db8:d822          | NAT64 of 93.184.216.34",
      "::8.8.8.8                   | IPv4-compatible 8.8.8.8",
      "::ffff:0:808:808            | IPv4-translated 8.8.8.8",
      "2002:808:808::1             | 6to4 of 8.8.8.8",
      "2001:0:4136:e378:8000:63bf:f7f7:f7f7 | Teredo, server 65.54.227.120, client 8.8.8.8",
      "2001:4860:4860::8888        | Google DNS, not Teredo",
      "2606:4700::1111             | Cloudflare",
      "2a00:1450:4001::200e        | global unicast",
  })
  void allowsGlobalIpv6(String ip, String what) throws UnknownHostException {
    assertThat(AddressPolicy.isPublic(InetAddress.getByName(ip))).as(what).isTrue();
  }

  /** Java turns a parsed ::ffff:a.b.c.d into an IPv4 address, but an Inet6Address can still hold one. */
  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "255.255.255.255"})
  void ipv4MappedIsJudgedByItsIpv4AddressInEitherClass(String ipv4) throws UnknownHostException {
    byte[] v4 = InetAddress.getByName(ipv4).getAddress();
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(v4, 0, mapped, 12, 4);

    assertThat(AddressPolicy.isPublic(InetAddress.getByName("::ffff:" + ipv4))).isFalse();
    assertThat(AddressPolicy.isPublic(Inet6Address.getByAddress(null, mapped, -1))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "93.184.216.34"})
  void ipv4MappedPublicAddressesStayAllowed(String ipv4) throws UnknownHostException {
    byte[] v4 = InetAddress.getByName(ipv4).getAddress();
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(v4, 0, mapped, 12, 4);

    assertThat(AddressPolicy.isPublic(InetAddress.getByName("::ffff:" + ipv4))).isTrue();
    assertThat(AddressPolicy.isPublic(Inet6Address.getByAddress(null, mapped, -1))).isTrue();
  }
}
