with

content_items as (

    select * from {{ ref('stg_reference__content_items') }}

),

sub_projects as (

    select * from {{ ref('stg_reference__sub_projects') }}

),

final as (

    select
        content_items.content_item_code,
        content_items.sub_project_code,
        sub_projects.project_code,
        content_items.content_code,
        content_items.content_number,
        content_items.content_name_vi,
        content_items.content_name_en,
        content_items.is_confirmed
    from content_items
    inner join sub_projects
        on content_items.sub_project_code = sub_projects.sub_project_code

)

select * from final
