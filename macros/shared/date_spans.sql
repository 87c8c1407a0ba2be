{#- A span of dates whose start or end may be NULL (open-ended) overlaps the span
    [range_start, range_end]: it starts on or before the range's end and ends on or after its
    start. Used by the KECS models that keep a record in force during a window, on a section's last
    day or over another record (calendars, enrollments, employment, assignments, case managers,
    English learners, rosters, staff history). -#}
{% macro open_span_overlaps(span_start, span_end, range_start, range_end) -%}
    (
        coalesce({{ span_start }} <= {{ range_end }}, true)
        and coalesce({{ span_end }} >= {{ range_start }}, true)
    )
{%- endmacro %}
