package io.proximadb.server.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether an address to bind reaches this machine only. */
final class Loopback {

    private Loopback() {
    }

    /** True for 127.0.0.0/8, ::1 and names that resolve to them; false for anything else, or unresolvable. */
    static boolean is(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
