-- What op02's count and sums read, and what the reconciliation checks: the folded totals of each
-- group plus the deltas not folded yet. Summed over one snapshot it is exact; a filter on the
-- group columns reaches both tables' indexes through the union.
create view member_totals_kept as
select tenant_id, member_level_id, shop_id, class_id, status, members, actual_recharge, give_recharge,
       actual_expense, give_expense, actual_balance, give_balance, total_points, actual_points, used_points
from member_totals
union all
select tenant_id, member_level_id, shop_id, class_id, status, members, actual_recharge, give_recharge,
       actual_expense, give_expense, actual_balance, give_balance, total_points, actual_points, used_points
from member_totals_delta;
