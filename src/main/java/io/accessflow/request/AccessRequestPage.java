package io.accessflow.request;

import java.util.List;

/** One page of access requests, newest first. */
record AccessRequestPage(List<AccessRequestView> items, int page, int size, long total) {}
