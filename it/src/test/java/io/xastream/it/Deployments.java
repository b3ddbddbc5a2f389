package io.xastream.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

import java.io.File;

/** The EAR exactly as the build produced it: what users deploy is what is tested. */
public final class Deployments {

    private Deployments() {
    }

    public static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("xastream.ear"));
        return ShrinkWrap.create(ZipImporter.class, "xastream.ear").importFrom(ear).as(EnterpriseArchive.class);
    }

    public static int httpPort() {
        return 8080 + Integer.getInteger("xastream.it.port-offset", 0);
    }
}
