package nl.mantelkring.platform.internal.rest;

import java.lang.reflect.Method;

import javax.annotation.Priority;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.internal.db.UnitOfWork;

/**
 * After authentication and authorisation: an audited write (an {@link Audited} method, not GET or HEAD) gets a
 * {@link UnitOfWork}, one transaction for everything it changes and its audit entry; {@link ResponseFilter} ends it.
 */
@Priority(Priorities.USER)
public class UnitOfWorkFilter implements ContainerRequestFilter {

    @Context
    private ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext req) {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method != null && method.isAnnotationPresent(Audited.class) && writes(req.getMethod())
                && UnitOfWork.current() == null) {
            UnitOfWork.begin();
        }
    }

    static boolean writes(String method) {
        return !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)
                && !HttpMethod.OPTIONS.equals(method);
    }
}
