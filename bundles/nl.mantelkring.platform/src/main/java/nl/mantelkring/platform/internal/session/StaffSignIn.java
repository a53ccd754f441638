package nl.mantelkring.platform.internal.session;
/** Single sign-on for staff through an OpenID Connect provider, when one is configured. */
public interface StaffSignIn {
    /** The provider's name as shown on the sign-in button (e.g. "Gemeente Utrecht (Entra ID)"). */
    String displayName();
    /** Where the browser goes to sign out at the provider after the local session ended, or null. */
    String endSessionUrl(String postLogoutRedirectUri);
}
