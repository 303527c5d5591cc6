package io.proximadb.server.service;

import io.proximadb.server.auth.Principal;
import io.proximadb.server.auth.Role;

/** The one place that decides whether a caller's role allows an operation. */
final class Access {

    private Access() {
    }

    /** @throws ServiceException PERMISSION_DENIED naming the role needed when {@code caller}'s is weaker */
    static void require(Principal caller, Role needed, String operation) {
        if (!caller.role().includes(needed)) {
            throw new ServiceException(ErrorCode.PERMISSION_DENIED, "the key's role '" + caller.role().configName()
                    + "' may not " + operation + "; that needs the role '" + needed.configName() + "' or above");
        }
    }
}
