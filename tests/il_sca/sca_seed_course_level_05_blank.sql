-- SCA Course Level, from the real seed il_course_levels: "If a course/section is assigned a value of
-- 05: Special Education, a null value reports"; 01..04 report as stored. Returns the seed rows that
-- break it.
select course_level, reported_course_level
from {{ ref('il_course_levels') }}
where
    (course_level = '05' and reported_course_level is not null)
    or (course_level in ('01', '02', '03', '04') and coalesce(reported_course_level, '-') <> course_level)
    or course_level not in ('01', '02', '03', '04', '05')
