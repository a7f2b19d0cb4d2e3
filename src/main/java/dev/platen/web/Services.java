package dev.platen.web;

import dev.platen.api.ProjectAdmin;
import dev.platen.api.RenderViews;
import dev.platen.api.TemplateEditing;
import dev.platen.blob.BlobStore;
import dev.platen.jobs.RenderAdmission;
import dev.platen.jobs.RenderQueue;
import dev.platen.sharing.Sharing;
import dev.platen.store.OverviewStore;
import dev.platen.store.RenderListStore;
import dev.platen.store.TemplateListStore;
import dev.platen.store.TemplateStore;
import dev.platen.webhooks.Webhooks;

/**
 * The services the dashboard calls: the very instances the public API is built on, handed in by the composition
 * root, so a page and an API call can never disagree about a template, a render, a share or a webhook.
 *
 * @param publicUrl the installation's public base URL (PLATEN_PUBLIC_URL)
 * @param views the API's own render shapes, for the public download URL
 * @param admission the API's own last steps of taking a render: its limits, the insert, waking a worker
 * @param projects the account API's projects and keys ({@code /v1/projects})
 * @param editing publishing and previews as {@code PUT /v1/templates/:slug} and {@code POST /v1/preview} do them
 * @param templateList the template list's keyset pages and search
 * @param overview the overview page's counts of recent renders
 * @param settings the installation's settings for the overview, secrets left out ({@code Config.summary})
 * @param version this build's version
 */
public record Services(TemplateStore templates, RenderQueue renders, RenderListStore renderList, BlobStore blobs,
    Sharing sharing, Webhooks webhooks, String publicUrl, RenderViews views, RenderAdmission admission,
    ProjectAdmin projects, TemplateEditing editing,
    TemplateListStore templateList, OverviewStore overview, java.util.Map<String, String> settings, String version) {}
