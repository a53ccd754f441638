package nl.mantelkring.platform.api.documents;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Letters as PDF/A-2 (archival, fonts embedded, sRGB), on the municipality's letterhead: tenant policy
 * {@code brieven.briefhoofd} (name, department, postal address, phone, website, the signatory's name and role), the
 * loket logo of {@code loket.thema} when there is one. Rendering is pure: nothing is stored or audited here; the
 * module that makes a letter stores it and audits it.
 */
@ProviderType
public interface Letters {

    /** The letter as PDF/A-2u bytes. */
    byte[] render(String tenant, Letter letter);

    /** Several PDFs as one (a print batch), in order; PDF/A stays PDF/A. */
    byte[] merge(List<byte[]> pdfs);
}
