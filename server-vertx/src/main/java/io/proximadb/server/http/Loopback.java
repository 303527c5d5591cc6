package io.proximadb.server.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Whether an address to bind reaches this machine only. */
final class Loopback {

    private Loopback() {
    }

    /**
     * True for 127.0.0.0/8, ::1 and names that resolve to them only; false for anything else, for a
     * name with any address beyond loopback (the bind may take that one), or unresolvable.
     */
    static boolean is(String host) {
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
